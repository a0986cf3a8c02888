#pragma once
// The trade list of a backtest as CSV, for spreadsheets and for checking against another
// backtester: entry_time,exit_time,qty,entry_price,exit_price,pnl,fees,exit_reason. Times are
// UTC RFC 3339 with Z; numbers are the shortest text that reads back as the same double.
#include "backtest/trade.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <span>
#include <string>

namespace crew::backtest {

std::string format_trades_csv(std::span<const Trade> trades);
core::Status write_trades_csv(std::span<const Trade> trades, const std::filesystem::path& file);

} // namespace crew::backtest
