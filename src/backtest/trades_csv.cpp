#include "backtest/trades_csv.hpp"

#include <fmt/format.h>

#include <fstream>

namespace crew::backtest {

std::string format_trades_csv(std::span<const Trade> trades) {
  std::string out = "entry_time,exit_time,qty,entry_price,exit_price,pnl,fees,exit_reason\n";
  for (const Trade& trade : trades) {
    // fmt's "{}" for a double is the shortest round-trip form: full precision, no noise.
    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{}\n",
                   core::format_rfc3339(trade.entry_time), core::format_rfc3339(trade.exit_time),
                   trade.qty, trade.entry_price, trade.exit_price, trade.pnl, trade.fees,
                   to_string(trade.exit_reason));
  }
  return out;
}

core::Status write_trades_csv(std::span<const Trade> trades, const std::filesystem::path& file) {
  std::ofstream stream(file, std::ios::binary | std::ios::trunc);
  if (!stream) {
    return core::Error{"cannot open for writing", file.string()};
  }
  const std::string text = format_trades_csv(trades);
  stream.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!stream.flush()) {
    return core::Error{"write failed", file.string()};
  }
  return {};
}

} // namespace crew::backtest
