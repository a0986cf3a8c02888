#include "strategy/signal_reason.hpp"

#include <charconv>
#include <cmath>

namespace crew::strategy {

std::string number_text(double value) {
  return ReasonText().number(value).take();
}

ReasonText& ReasonText::number(double value) {
  if (std::isnan(value)) {
    m_text += "nan";
    return *this;
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  m_text.append(buffer, result.ptr);
  return *this;
}

ReasonText& ReasonText::count(std::size_t value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  m_text.append(buffer, result.ptr);
  return *this;
}

ReasonText& ReasonText::entry_conditions(const ProfileGate& gate) {
  return text("; volume ")
      .number(gate.volume())
      .text(" >= ")
      .number(gate.volume_weight())
      .text("*sma")
      .count(gate.volume_period())
      .text("(volume) ")
      .number(gate.volume_sma())
      .text("; atr")
      .count(gate.atr_periods())
      .text(" ")
      .number(gate.atr());
}

std::string entry_conditions(const ProfileGate& gate) {
  return ReasonText().entry_conditions(gate).take();
}

} // namespace crew::strategy
