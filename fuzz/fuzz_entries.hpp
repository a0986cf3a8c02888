#pragma once
// The fuzz entries: one function per parser of outside input, shared by the libFuzzer targets
// (fuzz/<target>_fuzz.cpp) and the replay test (tests/fuzz/fuzz_regressions_test.cpp), so a saved
// crashing input replays through exactly the code that found it. Each entry feeds the bytes to
// its parsers and, when they accept them, checks a round trip; a broken invariant comes back as
// an Error, while crashes and undefined behaviour are left to the sanitizers to report.
#include "core/result.hpp"

#include <span>
#include <string_view>

namespace crew::fuzz {

// Every parser of src/alpaca/json_mapping.hpp (bars, latest data, snapshots, assets, clock,
// calendar, error bodies) on the same body.
core::Status alpaca_market_json_entry(std::string_view input);
// Every parser of src/alpaca/trading_json.hpp (orders, positions, account, activities, 207
// bodies, order requests); an accepted order request must survive order_request_json.
core::Status alpaca_trading_json_entry(std::string_view input);
// data::parse_bars_csv; accepted bars must survive format_bars_csv and parse to equal bars.
core::Status csv_import_entry(std::string_view input);
// config::parse_config; an accepted configuration must survive to_toml unchanged.
core::Status config_toml_entry(std::string_view input);
// core::classify_symbol; a symbol's normal form must classify to itself.
core::Status symbol_entry(std::string_view input);
// core::parse_rfc3339, parse_date, parse_day and data::parse_csv_timestamp; accepted times must
// survive format_rfc3339 / format_date.
core::Status timestamp_entry(std::string_view input);
// core::parse_decimal; an accepted decimal must survive to_string.
core::Status decimal_entry(std::string_view input);

struct Entry {
  std::string_view target; // the fuzz target's name: fuzz/<target>_fuzz.cpp, corpus/<target>/
  core::Status (*run)(std::string_view input);
};
// All entries, for the replay test.
std::span<const Entry> entries();

} // namespace crew::fuzz
