#pragma once
// What `crew scan` and `crew universe` share: the instant a command works at (--at or now), and
// what Alpaca says (bars, assets, volumes). Stored bars are read by data::read_signal_bars.
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

struct AlpacaSession;

// --at parsed as RFC 3339, or the current time when empty; errors name --at.
core::Result<core::UtcTime> parse_at_or_now(const std::string& at);

struct AppContext;

// Brings the stored bars of `symbols` (one asset class) up to `at` from Alpaca when keys are
// configured: one multi-symbol bars request per batch of [scanner] batch_size symbols (pages of a
// response follow its next_page_token), starting at the earliest of the batch's last stored bar
// and `from`. US_EQUITY downloads 5Min bars, which data::read_signal_bars resamples to the session
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

// Fetches the above when keys are configured; nullopt without keys. Through `session` when given
// (the trading loop's, whose requests are its recorded API calls), else a session of its own.
core::Result<std::optional<OnlineUniverse>> fetch_online_universe(const AppContext& context,
                                                                  core::AssetClass market,
                                                                  AlpacaSession* session = nullptr);

} // namespace crew::app
