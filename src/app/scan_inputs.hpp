#pragma once
// What `crew scan` and `crew universe` share: the instant a command works at (--at or now), and
// reading a symbol's recent bars from the bar store with the stand-ins an offline store needs.
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "data/bar_store.hpp"
#include "scan/universe.hpp"

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace crew::app {

// --at parsed as RFC 3339, or the current time when empty; errors name --at.
core::Result<core::UtcTime> parse_at_or_now(const std::string& at);

struct StoredBars {
  data::BarSeries bars;
  std::string note; // how the bars were obtained when not read as asked, e.g. "from BTC/USDT"
};

// The bars of `symbol` with time in [from, to) at `timeframe`. When none are stored at that
// timeframe, finer stored bars are resampled (5Min for equities; 15Min, 5Min, 1Min for crypto);
// a crypto X/USD with nothing stored reads X/USDT (the Binance data of shared/data is
// USDT-quoted) and says so in `note`.
core::Result<StoredBars> read_recent_bars(const data::BarStore& store, const core::Symbol& symbol,
                                          core::Timeframe timeframe, core::UtcTime from,
                                          core::UtcTime to);

struct AppContext;

// Brings the stored bars of `symbols` (one asset class) up to `at` from Alpaca when keys are
// configured: one multi-symbol bars request per batch of [scanner] batch_size symbols (pages of a
// response follow its next_page_token), starting at the earliest of the batch's last stored bar
// and `from`. US_EQUITY downloads 5Min bars, which read_recent_bars resamples to the session
// (design.md 3b). Returns the number of bar requests made; 0 without keys.
core::Result<std::size_t> refresh_from_alpaca(const AppContext& context, data::BarStore& store,
                                              std::span<const core::Symbol> symbols,
                                              core::Timeframe timeframe, core::UtcTime from,
                                              core::UtcTime at);

// What Alpaca says about a market's universe: its asset list and, for crypto, each USD pair's
// notional volume of the last complete day (prevDailyBar volume × vwap of the snapshots).
struct OnlineUniverse {
  std::vector<scan::AssetInfo> assets;
  std::map<std::string, double> volume_24h;
};

// Fetches the above when keys are configured; nullopt without keys.
core::Result<std::optional<OnlineUniverse>> fetch_online_universe(const AppContext& context,
                                                                  core::AssetClass market);

} // namespace crew::app
