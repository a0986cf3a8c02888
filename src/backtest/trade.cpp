#include "backtest/trade.hpp"

#include <array>
#include <utility>

namespace crew::backtest {
namespace {

constexpr std::array<std::pair<ExitReason, std::string_view>, 4> k_names = {{
    {ExitReason::signal, "signal"},
    {ExitReason::stop, "stop"},
    {ExitReason::session_close, "session_close"},
    {ExitReason::end, "end"},
}};

} // namespace

std::string_view to_string(ExitReason reason) {
  for (const auto& [value, name] : k_names) {
    if (value == reason) {
      return name;
    }
  }
  return "end";
}

core::Result<ExitReason> parse_exit_reason(std::string_view text) {
  for (const auto& [value, name] : k_names) {
    if (name == text) {
      return value;
    }
  }
  return core::Error{"unknown exit reason '" + std::string(text) +
                         "' (expected signal, stop, session_close or end)",
                     "exit_reason"};
}

} // namespace crew::backtest
