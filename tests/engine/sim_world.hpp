#pragma once
// SimWorld: a trading session's surroundings for engine tests: synthetic bars of the demo universe
// (signal bars from a month before `start`, 1-minute venue prices from a day before it), a
// simulated clock and exchange, a state store on disk and the notices the session gives.
#include "data/synthetic_market.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_venue.hpp"
#include "engine/trading_session.hpp"

#include <filesystem>
#include <vector>

namespace crew::engine {

struct SimWorld {
  SimWorld(const std::filesystem::path& dir, core::UtcTime start,
           config::Config cfg = config::default_config())
      : config(std::move(cfg)), clock(start), data(make_series(start)),
        exchange(broker::SimBrokerSettings{}, clock, bar_feed(std::move(prices))),
        store(state::StateStore::open(dir / "state.db", {false}).value()) {
    for (const auto& symbol : data::default_universe()) {
      setup.universe[symbol.asset_class()].push_back(symbol);
    }
    setup.on_notice = [this](const SessionNotice& n) { notices.push_back(n); };
  }

  std::vector<data::BarSeries> make_series(core::UtcTime start) {
    std::vector<data::BarSeries> out;
    for (const auto& symbol : data::default_universe()) {
      const data::SyntheticMarket market(symbol, 42);
      const auto signal = config.profile(symbol.asset_class()).signal_timeframe;
      out.push_back(
          market.bars(signal, start - std::chrono::days{30}, start + std::chrono::days{1}).value());
      auto minutes = market
                         .bars(core::Timeframe::min1, start - std::chrono::days{1},
                               start + std::chrono::days{1})
                         .value();
      prices.push_back(minutes);
      out.push_back(std::move(minutes));
    }
    return out;
  }

  config::Config config;
  SimClock clock;
  std::vector<data::BarSeries> prices; // filled by make_series, moved into the exchange
  SimMarketData data;
  SimVenue exchange;
  state::StateStore store;
  SessionSetup setup;
  std::vector<SessionNotice> notices;
};

} // namespace crew::engine
