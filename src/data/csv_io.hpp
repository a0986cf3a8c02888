#pragma once
// CSV import/export of bars in the one format the program reads and writes:
// `timestamp,open,high,low,close,volume[,trade_count,vwap]`. Parsing is hand-written (from_chars)
// because imports of millions of rows must stay well under a second; every error names file:line.
#include "core/result.hpp"
#include "data/bar_series.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace crew::data {

// Parses one timestamp cell: RFC 3339 (Z or offset), epoch seconds, or epoch milliseconds
// (integers of 12 or more digits, i.e. ≥ 1e11, are milliseconds).
core::Result<core::UtcTime> parse_csv_timestamp(std::string_view text);

// Parses CSV text into bars of `symbol` and `timeframe`. The header names the columns (any order,
// trade_count and vwap optional); rows must have consistent OHLC, non-negative volume and strictly
// increasing timestamps. Errors have where = "<origin>:<line>".
core::Result<BarSeries> parse_bars_csv(std::string_view text, const core::Symbol& symbol,
                                       core::Timeframe timeframe, const std::string& origin);
// Reads and parses a whole file; errors name the file.
core::Result<BarSeries> read_bars_csv(const std::filesystem::path& file, const core::Symbol& symbol,
                                      core::Timeframe timeframe);

// Appends the bars in the import format to `out`: RFC 3339 UTC timestamps, prices in the shortest
// fixed notation that reads back as the same double (0.00001036 stays 0.00001036). The
// trade_count and vwap columns appear only when some bar has them.
void append_bars_csv(const BarSeries& bars, std::string& out);
std::string format_bars_csv(const BarSeries& bars);
core::Status write_bars_csv(const BarSeries& bars, const std::filesystem::path& file);

} // namespace crew::data
