#pragma once
// CSV import/export of bars in the one format the program reads and writes:
// `timestamp,open,high,low,close,volume[,trade_count,vwap]`. Parsing is hand-written (from_chars)
// because imports of millions of rows must stay well under a second; every error names file:line.
#include "core/result.hpp"
#include "data/bar_series.hpp"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crew::data {

// Parses one timestamp cell: RFC 3339 (Z or offset), epoch seconds, or epoch milliseconds
// (integers of 12 or more digits, i.e. ≥ 1e11, are milliseconds).
core::Result<core::UtcTime> parse_csv_timestamp(std::string_view text);

// Parses CSV text into bars of `symbol` and `timeframe`. The header names the columns (any order,
// trade_count and vwap optional); rows must have positive prices with consistent OHLC,
// non-negative volume, whole trade counts, a vwap inside the bar (0: unknown), numbers a double
// holds exactly and strictly increasing timestamps without leap seconds; a 1Day bar starts at
// 00:00:00Z or at New York midnight, and a US equity's on an NYSE session. Errors have where =
// "<origin>:<line>" and name the field. `lines`, when given, receives the line of each bar.
core::Result<BarSeries> parse_bars_csv(std::string_view text, const core::Symbol& symbol,
                                       core::Timeframe timeframe, const std::string& origin,
                                       std::vector<std::size_t>* lines = nullptr);
// Reads and parses a whole file; errors name the file.
core::Result<BarSeries> read_bars_csv(const std::filesystem::path& file, const core::Symbol& symbol,
                                      core::Timeframe timeframe);

// One file of an import: its name, its bars and the line each bar was read from.
struct CsvFile {
  std::string origin;
  BarSeries bars;
  std::vector<std::size_t> lines;
};
core::Result<CsvFile> read_csv_file(const std::filesystem::path& file, const core::Symbol& symbol,
                                    core::Timeframe timeframe);
// Two files of one import that hold a bar of the same series at the same time would replace one
// another in the store: refused, naming the later file's line and the earlier file's.
core::Status check_disjoint(std::span<const CsvFile> files);

// Appends the bars in the import format to `out`: RFC 3339 UTC timestamps, prices in the shortest
// fixed notation that reads back as the same double (0.00001036 stays 0.00001036). The
// trade_count and vwap columns appear only when some bar has them.
void append_bars_csv(const BarSeries& bars, std::string& out);
std::string format_bars_csv(const BarSeries& bars);
core::Status write_bars_csv(const BarSeries& bars, const std::filesystem::path& file);

} // namespace crew::data
