#include "app/wiring.hpp"

#include "data/bar_store.hpp"
#include "data/synthetic_market.hpp"
#include "engine/sim_exchange.hpp"
#include "engine/sim_market_data.hpp"

#include <spdlog/spdlog.h>

namespace crew::app {
namespace {

constexpr std::uint64_t k_synthetic_seed = 42;

// Bars of `symbol` at `timeframe` for [from, to) from the store, generating synthetic ones into
// the store first when it lacks that range.
core::Result<data::BarSeries> stored_or_synthetic(data::BarStore& store, const core::Symbol& symbol,
                                                  core::Timeframe timeframe, core::UtcTime from,
                                                  core::UtcTime to) {
  auto described = store.describe(symbol, timeframe, false);
  if (!described) {
    return described.error();
  }
  const auto slack = std::chrono::days{4}; // weekends and holidays have no equity bars
  const bool covered = described->has_value() && (*described)->first <= from + slack &&
                       (*described)->last + slack >= to;
  if (!covered) {
    auto bars = data::SyntheticMarket(symbol, k_synthetic_seed).bars(timeframe, from, to);
    if (!bars) {
      return bars.error();
    }
    if (auto stored = store.upsert(*bars); !stored) {
      return stored.error();
    }
  }
  return store.read(symbol, timeframe, from, to);
}

core::Result<Wiring> wire_sim(const AppContext& context, core::UtcTime start, core::UtcTime end,
                              state::StateStore& store) {
  auto bar_store = data::BarStore::open(context.paths.bar_store);
  if (!bar_store) {
    return bar_store.error();
  }
  Wiring wiring;
  std::vector<data::BarSeries> series;
  for (const auto& symbol : data::default_universe()) {
    const auto market = symbol.asset_class();
    wiring.universe[market].push_back(symbol);
    const auto signal = context.config.profile(market).signal_timeframe;
    // Signal bars from a month back (strategy warm-up), 5-minute prices for the session itself.
    for (const auto& [timeframe, from] :
         {std::pair{signal, start - std::chrono::days{30}},
          std::pair{core::Timeframe::min5, start - std::chrono::days{1}}}) {
      auto bars = stored_or_synthetic(*bar_store, symbol, timeframe, from, end);
      if (!bars) {
        return bars.error();
      }
      series.push_back(std::move(*bars));
    }
  }
  wiring.clock = std::make_unique<engine::SimClock>(start);
  wiring.data = std::make_unique<engine::SimMarketData>(std::move(series));

  // The simulated exchange is rebuilt from the state store: its cash is kept as a setting at the
  // end of every session, its positions are the store's.
  auto cash = core::Decimal::from_double(context.config.backtest.initial_equity);
  if (auto kept = store.setting("sim.cash"); kept && kept->has_value()) {
    if (auto parsed = core::parse_decimal(**kept); parsed) {
      cash = *parsed;
    }
  }
  auto exchange =
      std::make_unique<engine::SimExchange>(context.config, *wiring.clock, *wiring.data, cash);
  if (auto held = store.positions(); held) {
    for (const auto& p : *held) {
      exchange->seed_position(p.position);
    }
  }
  auto* raw = exchange.get();
  wiring.broker = std::move(exchange);
  wiring.on_end = [raw, &store](core::UtcTime at) {
    return store.set_setting("sim.cash", raw->cash().to_string(), at);
  };
  return wiring;
}

} // namespace

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

core::Result<Wiring> wire(const AppContext& context, TradingMode mode, core::UtcTime start,
                          core::UtcTime end, state::StateStore& store) {
  switch (mode) {
  case TradingMode::sim:
    return wire_sim(context, start, end, store);
  case TradingMode::live:
    if (!context.config.alpaca.live_confirmed) {
      return core::Error{"--live needs [alpaca] live_trading_confirmed = true in the configuration",
                         "--live"};
    }
    [[fallthrough]];
  case TradingMode::paper:
  case TradingMode::dry_run:
    if (!context.keys.present()) {
      return core::Error{"needs APCA_API_KEY_ID and APCA_API_SECRET_KEY",
                         "--" + std::string(to_string(mode))};
    }
    return core::Error{"the Alpaca broker is not wired into this build yet; use --sim",
                       "--" + std::string(to_string(mode))};
  }
  return core::Error{"unknown mode", "wiring"};
}

} // namespace crew::app
