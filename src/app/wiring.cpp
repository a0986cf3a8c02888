#include "app/wiring.hpp"

#include "alpaca/endpoint.hpp"
#include "data/bar_store.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_replay.hpp"
#include "engine/sim_venue.hpp"
#include "engine/sim_venue_state.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <memory>
#include <optional>

namespace crew::app {
namespace {

// The simulated exchange's state between sessions (engine/sim_venue_state.hpp).
constexpr const char* k_sim_state_key = "sim.broker";

core::Result<Wiring> wire_sim(const AppContext& context, const SessionRequest& request,
                              state::StateStore& store) {
  // The user's bars are only read: a home without them is not given an empty store.
  // The replay's fill streams keep it open for the session.
  std::shared_ptr<const data::BarStore> real;
  if (std::filesystem::exists(context.paths.bar_store)) {
    auto opened = data::BarStore::open(context.paths.bar_store);
    if (!opened) {
      return opened.error();
    }
    real = std::make_shared<const data::BarStore>(std::move(*opened));
  }
  auto synthetic = data::BarStore::open(context.paths.synthetic_store);
  if (!synthetic) {
    return synthetic.error();
  }
  engine::ReplayRequest replay;
  replay.start = request.start;
  replay.end = request.end;
  replay.symbols = request.symbols;
  replay.synthetic = request.synthetic;
  replay.universe = context.config.universe;
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    replay.signal_timeframe[market] = context.config.profile(market).signal_timeframe;
    replay.history_bars[market] = engine::signal_history_bars(context.config, market);
  }
  auto plan = engine::plan_replay(real, *synthetic, replay);
  if (!plan) {
    return plan.error();
  }
  Wiring wiring;
  wiring.universe = plan->universe;
  wiring.header = engine::describe(*plan);
  for (const auto& r : plan->replayed) {
    spdlog::info("sim: {} signals from {}; fills from {}{}", r.symbol.str(), r.signals, r.fills,
                 r.note.empty() ? "" : " (" + r.note + ")");
  }
  // The fill bars are streamed: the venue and the market data share one window per symbol.
  std::vector<std::shared_ptr<engine::BarStream>> prices;
  for (auto& stream : plan->prices) {
    prices.push_back(std::make_shared<engine::BarStream>(std::move(stream)));
  }
  wiring.clock = std::make_unique<engine::SimClock>(request.start, request.pace);
  wiring.data = std::make_unique<engine::SimMarketData>(std::move(plan->signal), prices);

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
  settings.fill.bps = equity.slippage_bps;
  settings.equity_fee_rate = equity.fee_rate;
  settings.crypto_fill.bps = crypto.slippage_bps;
  settings.crypto_fee_rate = crypto.fee_rate;
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
    return wire_sim(context, request, store);
  }
  return wire_alpaca(context, request, store);
}

} // namespace crew::app
