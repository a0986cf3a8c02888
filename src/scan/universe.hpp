#pragma once
// Universes: which symbols the scanner looks at per market. US_EQUITY is the S&P 100 list the
// project keeps in data/universe/sp100.csv (built into the program), narrowed to tradable assets
// when Alpaca's asset list is at hand. CRYPTO is Alpaca's tradable USD pairs ranked by 24-hour
// notional volume, or a fallback list of top coins offline. No network here: callers fetch.
#include "config/config.hpp"
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "data/bar_series.hpp"
#include "scan/exclusion.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crew::scan {

struct EquityListEntry {
  std::string symbol;
  std::string name;
  std::string sector;
  std::string note;
};

// A maintained list of equities: its entries and the date it was last checked.
struct EquityList {
  std::string checked; // YYYY-MM-DD from the "Last checked:" header comment
  std::vector<EquityListEntry> entries;
};

// Parses `# … Last checked: YYYY-MM-DD` then `symbol,name,sector,note` rows (quoted fields
// allowed). Errors name origin:line.
core::Result<EquityList> parse_equity_list(std::string_view text, const std::string& origin);

// data/universe/sp100.csv as built into the program.
std::string_view builtin_sp100_csv();

// The part of an Alpaca /v2/assets entry the universe needs.
struct AssetInfo {
  std::string symbol; // as Alpaca spells it: AAPL, BRK.B, BTC/USD
  core::AssetClass asset_class = core::AssetClass::us_equity;
  bool tradable = false;
  std::string status = "active";
};

struct UniverseMember {
  core::Symbol symbol;
  std::string name;
  std::optional<double> notional_volume_24h; // crypto: USD traded in the last 24 h, when known
};

struct Universe {
  core::AssetClass market = core::AssetClass::us_equity;
  std::vector<UniverseMember> members;
  std::vector<Exclusion> excluded;
  std::vector<std::string> notes; // what the universe could not check, e.g. "offline"
};

// The equity list, minus symbols that are absent, inactive or not tradable in `assets` (when
// given) and symbols that do not classify as US_EQUITY.
Universe us_equity_universe(const EquityList& list,
                            std::optional<std::span<const AssetInfo>> assets);

// Top coins that Alpaca lists against USD, for offline use (most valuable first).
std::span<const std::string_view> crypto_fallback_symbols();

// The crypto universe: candidates are `assets` (tradable, active, crypto, quoted in USD) or, when
// absent, the fallback list. Volumes are by symbol (BTC/USD); with no volume at all (offline, no
// bars) the candidates are kept unranked. Members need ≥ crypto_min_notional_volume_24h and are
// capped at crypto_max_symbols by volume.
Universe crypto_universe(std::optional<std::span<const AssetInfo>> assets,
                         const std::map<std::string, double>& volume_24h,
                         const config::ScannerConfig& settings);

// Σ close·volume of the bars with time in [at − 24 h, at); nullopt when no bar is in that window.
std::optional<double> notional_volume_24h(const data::BarSeries& bars, core::UtcTime at);

// The configuration's [universe]: the market's list, when not empty, replaces the members (they
// keep what the built universe knew of them); `exclude` removes symbols, each listed in
// `excluded` with the reason. Every universe the program builds goes through it.
void apply_universe_config(Universe& universe, const config::UniverseConfig& rules);

} // namespace crew::scan
