#include "strategy/signal_reason.hpp"

#include <charconv>
#include <cmath>

namespace crew::strategy {

std::string number_text(double value) {
  if (std::isnan(value)) {
    return "nan";
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string entry_conditions(const ProfileGate& gate) {
  return "; volume " + number_text(gate.volume()) + " >= " + number_text(gate.volume_weight()) +
         "*sma" + std::to_string(gate.volume_period()) + "(volume) " +
         number_text(gate.volume_sma()) + "; atr" + std::to_string(gate.atr_periods()) + " " +
         number_text(gate.atr());
}

} // namespace crew::strategy
