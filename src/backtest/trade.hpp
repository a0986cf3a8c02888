#pragma once
// Trade: one closed round trip of the backtester (long only), with the fills, fees and why it
// ended. Prices are the fill prices after slippage; pnl is net of both sides' fees.
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace crew::backtest {

enum class ExitReason { signal, stop, session_close, end };

// "signal", "stop", "session_close", "end".
std::string_view to_string(ExitReason reason);
core::Result<ExitReason> parse_exit_reason(std::string_view text);

struct Trade {
  core::UtcTime entry_time; // open time of the bar whose open filled the entry
  core::UtcTime exit_time;  // open time of the bar in which the exit filled
  double qty = 0;
  double entry_price = 0;
  double exit_price = 0;
  double stop_price = 0;
  double pnl = 0;  // qty·(exit − entry) − fees
  double fees = 0; // entry fee + exit fee
  ExitReason exit_reason = ExitReason::end;
  std::size_t entry_index = 0; // indices into the backtest's bars
  std::size_t exit_index = 0;
  std::string entry_signal; // the strategy's reason for the entry

  // Net return on the entry notional.
  double return_fraction() const { return pnl / (qty * entry_price); }
};

} // namespace crew::backtest
