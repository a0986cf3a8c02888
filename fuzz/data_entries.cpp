// The fuzz entries over files a user hands us: CSV imports and the TOML configuration.
#include "config/config.hpp"
#include "core/symbol.hpp"
#include "data/csv_io.hpp"
#include "fuzz/fuzz_entries.hpp"

#include <array>

namespace crew::fuzz {

core::Status csv_import_entry(std::string_view input) {
  const core::Symbol symbol("AAPL", core::AssetClass::us_equity, "AAPL");
  const auto bars = data::parse_bars_csv(input, symbol, core::Timeframe::min15, "fuzz.csv");
  if (!bars) {
    return {};
  }
  const std::string text = data::format_bars_csv(*bars);
  const auto again = data::parse_bars_csv(text, symbol, core::Timeframe::min15, "export.csv");
  if (!again) {
    return core::Error{"the export of accepted bars does not import: " + again.error().message(),
                       "csv_import"};
  }
  if (again->size() != bars->size()) {
    return core::Error{"the export of accepted bars imports a different number of bars",
                       "csv_import"};
  }
  for (std::size_t i = 0; i < bars->size(); ++i) {
    if (!(again->at(i) == bars->at(i))) {
      return core::Error{"bar " + std::to_string(i) + " changes in the export round trip",
                         "csv_import"};
    }
  }
  return {};
}

core::Status config_toml_entry(std::string_view input) {
  const auto config = config::parse_config(input, "fuzz.toml");
  if (!config) {
    return {};
  }
  const std::string text = config::to_toml(*config);
  auto again = config::parse_config(text, "fuzz.toml");
  if (!again) {
    return core::Error{"to_toml of an accepted configuration does not parse: " +
                           again.error().message(),
                       "config_toml"};
  }
  if (!(*again == *config)) {
    return core::Error{"the configuration changes in the to_toml round trip", "config_toml"};
  }
  (void)config::to_json(*config);
  return {};
}

std::span<const Entry> entries() {
  static constexpr std::array<Entry, 7> k_entries = {{
      {"alpaca_market_json", alpaca_market_json_entry},
      {"alpaca_trading_json", alpaca_trading_json_entry},
      {"csv_import", csv_import_entry},
      {"config_toml", config_toml_entry},
      {"symbol", symbol_entry},
      {"timestamp", timestamp_entry},
      {"decimal", decimal_entry},
  }};
  return k_entries;
}

} // namespace crew::fuzz
