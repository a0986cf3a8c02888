#include "app/market_universe.hpp"

#include "app/scan_inputs.hpp"
#include "data/signal_bars.hpp"

#include <fmt/format.h>

namespace crew::app {
namespace {

// 24h notional volume of each fallback coin from the store's latest day of bars before `at`.
core::Result<std::map<std::string, double>> stored_crypto_volumes(const AppContext& context,
                                                                  core::UtcTime at,
                                                                  std::vector<std::string>& notes) {
  std::map<std::string, double> volumes;
  auto store = data::BarStore::open(context.paths.bar_store);
  if (!store) {
    return store.error();
  }
  const auto timeframe = context.config.crypto.signal_timeframe;
  for (const auto text : scan::crypto_fallback_symbols()) {
    const auto symbol = *core::classify_symbol(text);
    auto stored = data::read_signal_bars(*store, symbol, timeframe, at - std::chrono::days(30), at);
    if (!stored) {
      return stored.error();
    }
    if (stored->bars.empty()) {
      continue;
    }
    const auto day_end = stored->bars.time().back() + core::duration(timeframe);
    if (const auto volume = scan::notional_volume_24h(stored->bars, day_end)) {
      volumes[symbol.str()] = *volume;
      notes.push_back(fmt::format("{}: 24h volume of the day ending {} from stored bars{}",
                                  symbol.str(), core::format_rfc3339(day_end),
                                  stored->note.empty() ? "" : " (" + stored->note + ")"));
    }
  }
  return volumes;
}

} // namespace

core::Result<scan::Universe> market_universe(const AppContext& context, core::AssetClass market,
                                             core::UtcTime at, AlpacaSession* session) {
  scan::Universe universe;
  std::vector<std::string> volume_notes;
  const auto online = fetch_online_universe(context, market, session);
  if (!online) {
    return online.error();
  }
  std::optional<std::span<const scan::AssetInfo>> assets;
  if (*online) {
    assets = (*online)->assets;
  }
  if (market == core::AssetClass::us_equity) {
    const auto list = scan::parse_equity_list(scan::builtin_sp100_csv(), "sp100.csv");
    if (!list) {
      return list.error();
    }
    universe = scan::us_equity_universe(*list, assets);
  } else if (*online) {
    universe = scan::crypto_universe(assets, (*online)->volume_24h, context.config.scanner);
  } else {
    const auto volumes = stored_crypto_volumes(context, at, volume_notes);
    if (!volumes) {
      return volumes.error();
    }
    universe = scan::crypto_universe(std::nullopt, *volumes, context.config.scanner);
  }
  universe.notes.insert(universe.notes.end(), volume_notes.begin(), volume_notes.end());
  scan::apply_universe_config(universe, context.config.universe);
  return universe;
}

} // namespace crew::app
