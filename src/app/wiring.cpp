#include "app/wiring.hpp"

#include "alpaca/endpoint.hpp"
#include "data/bar_store.hpp"
#include "data/synthetic_market.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_venue.hpp"
#include "engine/sim_venue_state.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <memory>

namespace crew::app {
namespace {

constexpr std::uint64_t k_synthetic_seed = 42;
// The simulated exchange's state between sessions (engine/sim_venue_state.hpp).
constexpr const char* k_sim_state_key = "sim.broker";

// The last synthetic bar --sim wrote for a series, so a later session knows whose tail it extends.
std::string synthetic_end_key(const core::Symbol& symbol, core::Timeframe timeframe) {
  return "sim.synthetic_end." + symbol.str() + "." + std::string(core::to_string(timeframe));
}

// Bars of `symbol` at `timeframe` for [from, to) from the bar store. A series the store lacks is
// generated (deterministically, so a later session's tail continues the same market) and its end
// remembered in the state store. A stored series that ends too early is extended only when its
// tail is one --sim generated: real history (imported, downloaded) is never continued with
// invented prices; the session is refused instead, saying what to do.
core::Result<data::BarSeries> stored_or_synthetic(data::BarStore& store, state::StateStore& state,
                                                  const core::Symbol& symbol,
                                                  core::Timeframe timeframe, core::UtcTime from,
                                                  core::UtcTime to) {
  auto described = store.describe(symbol, timeframe, false);
  if (!described) {
    return described.error();
  }
  const auto slack = std::chrono::days{4}; // weekends and holidays have no equity bars
  const bool head_covered = described->has_value() && (*described)->first <= from + slack;
  const auto missing_from = head_covered ? (*described)->last + core::duration(timeframe) : from;
  if (missing_from < to) {
    const auto key = synthetic_end_key(symbol, timeframe);
    if (described->has_value()) {
      auto ours = state.setting(key);
      if (!ours) {
        return ours.error();
      }
      const bool tail_is_synthetic =
          ours->has_value() && **ours == core::format_rfc3339((*described)->last);
      if (!tail_is_synthetic) {
        return core::Error{
            fmt::format("{} {}: the bar store holds {} to {} but the session needs {} to {}; "
                        "--sim does not continue stored history with invented prices: import "
                        "the missing bars, choose --start/--duration inside the stored span, or "
                        "use another --home for synthetic markets",
                        symbol.str(), core::to_string(timeframe),
                        core::format_rfc3339((*described)->first),
                        core::format_rfc3339((*described)->last), core::format_rfc3339(from),
                        core::format_rfc3339(to)),
            store.path().string()};
      }
    }
    auto bars = data::SyntheticMarket(symbol, k_synthetic_seed).bars(timeframe, missing_from, to);
    if (!bars) {
      return bars.error();
    }
    if (auto stored = store.upsert(*bars); !stored) {
      return stored.error();
    }
    auto end = store.describe(symbol, timeframe, false);
    if (!end) {
      return end.error();
    }
    if (end->has_value()) {
      if (auto kept = state.set_setting(key, core::format_rfc3339((*end)->last), to); !kept) {
        return kept.error();
      }
    }
  }
  return store.read(symbol, timeframe, from, to);
}

core::Result<Wiring> wire_sim(const AppContext& context, core::UtcTime start, core::UtcTime end,
                              double pace, state::StateStore& store) {
  auto bar_store = data::BarStore::open(context.paths.bar_store);
  if (!bar_store) {
    return bar_store.error();
  }
  Wiring wiring;
  std::vector<data::BarSeries> series;
  std::vector<data::BarSeries> prices;
  for (const auto& symbol : data::default_universe()) {
    const auto market = symbol.asset_class();
    wiring.universe[market].push_back(symbol);
    // Signal bars from a month back (strategy warm-up).
    const auto signal = context.config.profile(market).signal_timeframe;
    auto bars =
        stored_or_synthetic(*bar_store, store, symbol, signal, start - std::chrono::days{30}, end);
    if (!bars) {
      return bars.error();
    }
    series.push_back(std::move(*bars));
    // 1-minute bars for the session itself: the latest prices, and the fills.
    auto minutes = stored_or_synthetic(*bar_store, store, symbol, core::Timeframe::min1,
                                       start - std::chrono::days{1}, end);
    if (!minutes) {
      return minutes.error();
    }
    prices.push_back(*minutes);
    series.push_back(std::move(*minutes));
  }
  wiring.clock = std::make_unique<engine::SimClock>(start, pace);
  wiring.data = std::make_unique<engine::SimMarketData>(std::move(series));

  auto venue = std::make_unique<engine::SimVenue>(
      sim_broker_settings(context.config), *wiring.clock, engine::bar_feed(std::move(prices)));
  // The simulated exchange continues from the state the previous session left in the store.
  if (auto kept = restore_sim_state(store, k_sim_state_key, *venue); !kept) {
    return kept.error();
  }
  wiring.after_tick = save_sim_state(store, k_sim_state_key, *venue);
  wiring.broker = std::move(venue);
  return wiring;
}

} // namespace

broker::SimBrokerSettings sim_broker_settings(const config::Config& config) {
  broker::SimBrokerSettings settings;
  settings.starting_cash = core::Decimal::from_double(config.backtest.initial_equity);
  const auto& equity = config.profile(core::AssetClass::us_equity);
  const auto& crypto = config.profile(core::AssetClass::crypto);
  settings.fill.slippage_bps = equity.slippage_bps;
  settings.equity_fee.fee_rate = equity.fee_rate;
  settings.crypto_fill.slippage_bps = crypto.slippage_bps;
  settings.crypto_fee.fee_rate = crypto.fee_rate;
  return settings;
}

core::Status restore_sim_state(state::StateStore& store, const std::string& key,
                               engine::SimVenue& venue) {
  auto kept = store.setting(key);
  if (!kept) {
    return kept.error();
  }
  if (kept->has_value()) {
    auto state = engine::sim_state_from_json(**kept);
    if (!state) {
      return core::Error{state.error().what, "setting " + key + " in " + store.path().string()};
    }
    venue.import_state(std::move(*state));
  }
  return {};
}

std::function<core::Status(core::UtcTime)>
save_sim_state(state::StateStore& store, const std::string& key, const engine::SimVenue& venue) {
  // Written only when it changed: a flat account between fills is the same text tick after tick.
  auto saved = std::make_shared<std::string>();
  return [&store, key, &venue, saved](core::UtcTime at) -> core::Status {
    auto text = engine::sim_state_to_json(venue.export_state());
    if (text == *saved) {
      return {};
    }
    if (auto stored = store.set_setting(key, text, at); !stored) {
      return stored;
    }
    *saved = std::move(text);
    return {};
  };
}

std::string_view to_string(TradingMode mode) {
  switch (mode) {
  case TradingMode::sim:
    return "sim";
  case TradingMode::dry_run:
    return "dry-run";
  case TradingMode::paper:
    return "paper";
  case TradingMode::live:
    return "live";
  }
  return "sim";
}

core::Status check_request(const AppContext& context, const SessionRequest& request) {
  const auto mode = request.mode;
  if (mode == TradingMode::sim) {
    return {};
  }
  if (mode == TradingMode::live && !context.config.alpaca.live_confirmed) {
    return core::Error{"--live needs [alpaca] live_trading_confirmed = true in the configuration",
                       "--live"};
  }
  if (!context.keys.present()) {
    return core::Error{"needs APCA_API_KEY_ID and APCA_API_SECRET_KEY",
                       "--" + std::string(to_string(mode))};
  }
  // --paper must not reach the live endpoint and --live must not think a paper account is real.
  if (mode == TradingMode::dry_run) {
    return {};
  }
  const auto account = mode == TradingMode::live ? alpaca::Account::live : alpaca::Account::paper;
  return alpaca::check_trading_endpoint(account, context.config.alpaca.trading_url,
                                        context.trading_url_source);
}

core::Result<Wiring> wire(const AppContext& context, const SessionRequest& request,
                          state::StateStore& store) {
  if (auto checked = check_request(context, request); !checked) {
    return checked.error();
  }
  if (request.mode == TradingMode::sim) {
    return wire_sim(context, request.start, request.end, request.pace, store);
  }
  return wire_alpaca(context, request, store);
}

} // namespace crew::app
