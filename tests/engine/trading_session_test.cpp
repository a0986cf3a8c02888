#include "data/synthetic_market.hpp"
#include "engine/autonomous_loop.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_venue.hpp"
#include "engine/trading_session.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <set>

namespace crew::engine {
namespace {

// A few simulated hours on synthetic bars around the US close of Wednesday 2026-11-18.
struct SimWorld {
  explicit SimWorld(const std::filesystem::path& dir, core::UtcTime start)
      : clock(start), data(make_series(start)),
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

  config::Config config = config::default_config();
  SimClock clock;
  std::vector<data::BarSeries> prices; // filled by make_series, moved into the exchange
  SimMarketData data;
  SimVenue exchange;
  state::StateStore store;
  SessionSetup setup;
  std::vector<SessionNotice> notices;
};

core::UtcTime at(const char* text) {
  return core::parse_rfc3339(text).value();
}

TEST(TradingSession, TickRecordsAHeartbeatAndSwitchesMarketsAtTheClose) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T20:50:00Z"));
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  LoopOptions options;
  options.end = at("2026-11-18T21:10:00Z");
  auto result = run_loop(session, world.clock, world.exchange, world.store, options);
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->refused);
  EXPECT_EQ(session.stats().ticks, 20);
  EXPECT_EQ(world.store.last_heartbeat()->value(), at("2026-11-18T21:09:00Z"));
  auto switches = world.store.events(at("2026-11-18T00:00:00Z"), at("2026-11-19T00:00:00Z"),
                                     state::EventKind::market_switch);
  ASSERT_EQ(switches->size(), 1u);
  EXPECT_EQ(switches->front().time, at("2026-11-18T21:00:00Z"));
  EXPECT_EQ(switches->front().market, core::AssetClass::crypto);
  // No US position survives the close.
  const auto positions = world.store.positions().value();
  for (const auto& p : positions) {
    EXPECT_NE(p.market(), core::AssetClass::us_equity) << p.position.symbol.str();
  }
}

TEST(TradingSession, BacksUpAtTheStartAndAfterTheFirstTickOfEachUtcDay) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T22:00:00Z"));
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  LoopOptions options;
  options.end = at("2026-11-19T01:00:00Z");
  options.backup_dir = dir / "backups";
  ASSERT_TRUE(run_loop(session, world.clock, world.exchange, world.store, options));
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir / "backups")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names,
            (std::vector<std::string>{"state-20261118T220000Z.db", "state-20261119T000000Z.db"}));
}

TEST(TradingSession, OrdersAreStoredWithUniqueDeterministicIds) {
  test::TempDir dir1;
  test::TempDir dir2;
  std::vector<std::vector<std::string>> ids;
  for (auto* dir : {&dir1, &dir2}) {
    SimWorld world(dir->path(), at("2026-11-18T20:00:00Z"));
    TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                           world.setup);
    LoopOptions options;
    options.end = at("2026-11-19T02:00:00Z");
    ASSERT_TRUE(run_loop(session, world.clock, world.exchange, world.store, options));
    std::vector<std::string> run;
    const auto orders = world.store.orders().value();
    for (const auto& r : orders) {
      EXPECT_TRUE(r.sent) << r.order.client_order_id;
      run.push_back(r.order.client_order_id);
    }
    EXPECT_EQ(std::set(run.begin(), run.end()).size(), run.size());
    ids.push_back(run);
  }
  EXPECT_FALSE(ids[0].empty());
  EXPECT_EQ(ids[0], ids[1]); // the same bars give the same decisions and the same ids
}

TEST(TradingSession, EmergencyStopHaltsWithinOneTickAndFlattens) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T22:00:00Z"));
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  ASSERT_TRUE(world.store.set_setting("stop.flatten", "true", world.clock.now()));
  ASSERT_TRUE(world.store.set_halted("crew stop --flatten", world.clock.now()));
  ASSERT_TRUE(session.tick());
  EXPECT_EQ(session.stats().orders, 0);
  EXPECT_TRUE(world.store.positions()->empty());
  ASSERT_FALSE(world.notices.empty());
  EXPECT_EQ(world.notices.front().kind, SessionNotice::Kind::halt);
}

TEST(TradingSession, AStopDecidedBeforeARestartProtectsThePositionAfterIt) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T22:00:00Z"));
  const std::atomic<bool> never{false};
  {
    // The first session sends an entry and ends (a crash, say) before its fill is seen.
    TradingSession first(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
    while (first.stats().orders == 0 && world.clock.now() < at("2026-11-19T04:00:00Z")) {
      ASSERT_TRUE(first.tick());
      if (first.stats().orders == 0) {
        world.clock.sleep_until(world.clock.now() + std::chrono::minutes{1}, never);
      }
    }
    ASSERT_GT(first.stats().orders, 0) << "no entry in six hours of synthetic crypto";
  }
  world.clock.sleep_until(world.clock.now() + std::chrono::minutes{2}, never);
  TradingSession second(world.config, world.clock, world.exchange, world.data, world.store,
                        world.setup);
  ASSERT_TRUE(second.tick());
  const auto positions = world.store.positions().value();
  ASSERT_FALSE(positions.empty());
  for (const auto& p : positions) {
    const auto kept = world.store.setting(k_entry_stop_prefix + p.entry_client_order_id).value();
    ASSERT_TRUE(kept.has_value()) << p.entry_client_order_id;
    ASSERT_TRUE(p.stop_price.has_value());
    EXPECT_NEAR(p.stop_price->to_double(), core::parse_decimal(*kept)->to_double(), 1e-6);
    EXPECT_LT(p.stop_price->to_double(), p.position.avg_entry_price.to_double());
  }
}

} // namespace
} // namespace crew::engine
