// The wires between the loop and the rest (issue 12 item 6): the strategy order the stored ranking
// gives, the manipulation filter's flags and the venue's asset rules reaching the risk rules, and
// entries at a Monday open in a session that started before it.
#include "data/synthetic_market.hpp"
#include "engine/autonomous_loop.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_venue.hpp"
#include "engine/trading_session.hpp"
#include "sim_world.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace crew::engine {
namespace {

core::UtcTime at(const char* text) {
  return core::parse_rfc3339(text).value();
}

// The demo universe's synthetic world (sim_world.hpp: 1-minute bars from a day before `start`,
// as the --sim wiring loaded them when the Monday defect was found), with helpers to run it.
struct World : SimWorld {
  using SimWorld::SimWorld;

  // Ticks every minute until `until` or until `done` says so.
  void run(TradingSession& session, core::UtcTime until, const std::function<bool()>& done) {
    const std::atomic<bool> never{false};
    while (clock.now() < until && !done()) {
      ASSERT_TRUE(session.tick());
      clock.sleep_until(clock.now() + std::chrono::minutes{1}, never);
    }
  }

  std::vector<state::Event> refusals() {
    return store
        .events(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"),
                state::EventKind::risk_refusal)
        .value();
  }

  std::vector<std::string> texts(SessionNotice::Kind kind) const {
    std::vector<std::string> out;
    for (const auto& n : notices) {
      if (n.kind == kind) {
        out.push_back(n.text);
      }
    }
    return out;
  }
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Market data that counts the requests for one symbol's bars (the scan asks for the whole
// universe at once; a request for a single symbol is an entry or an exit check asking again).
class CountingData final : public broker::MarketData {
public:
  explicit CountingData(broker::MarketData& inner) : m_inner(inner) {}
  core::Result<std::map<std::string, data::BarSeries>>
  completed_bars(const std::vector<core::Symbol>& symbols, core::Timeframe timeframe,
                 std::size_t count, core::UtcTime now) override {
    single_symbol_requests += symbols.size() == 1 ? 1 : 0;
    return m_inner.completed_bars(symbols, timeframe, count, now);
  }
  core::Result<std::map<std::string, double>>
  latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime now) override {
    return m_inner.latest_prices(symbols, now);
  }
  int single_symbol_requests = 0;

private:
  broker::MarketData& m_inner;
};

TEST(TradingSessionWires, AnEntryUsesWhatItsScanComputedWithoutFetchingBarsAgain) {
  // Issue 12 item 7: decide → size → check → place on the scan's values (its ATR for the stop
  // distance); before, every entry fetched its symbol's bars and ran the strategy over them again.
  test::TempDir dir;
  World world(dir.path(), at("2026-11-18T22:00:00Z"), config::default_config());
  CountingData counting(world.data);
  TradingSession session(world.config, world.clock, world.exchange, counting, world.store,
                         world.setup);
  world.run(session, at("2026-11-19T06:00:00Z"), [&] { return session.stats().orders > 0; });
  ASSERT_GT(session.stats().orders, 0) << "no entry in eight hours of synthetic crypto";
  EXPECT_EQ(counting.single_symbol_requests, 0);
  const auto positions = world.store.positions().value();
  for (const auto& p : positions) {
    EXPECT_TRUE(p.stop_price.has_value()) << p.position.symbol.str();
  }
}

TEST(TradingSessionWires, EntriesAtAMondayOpenAreTakenWhenTheSessionStartedBeforeIt) {
  test::TempDir dir;
  // Monday 2026-11-30, NYSE opens at 14:30 UTC; the venue has no MSFT price before 14:31.
  World world(dir.path(), at("2026-11-30T14:00:00Z"), config::default_config());
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.run(session, at("2026-11-30T15:30:00Z"), [] { return false; });
  for (const auto& alert : world.texts(SessionNotice::Kind::alert)) {
    EXPECT_FALSE(contains(alert, "could not find asset")) << alert;
  }
  EXPECT_GT(session.stats().entries.count(core::AssetClass::us_equity)
                ? session.stats().entries.at(core::AssetClass::us_equity)
                : 0,
            0);
}

TEST(TradingSessionWires, AnnouncesEachMarketsStrategyOrderBeforeItsFirstScan) {
  test::TempDir dir;
  // Wednesday 2026-11-18, 15:25 New York: US_EQUITY scans until the close, CRYPTO after it.
  World world(dir.path(), at("2026-11-18T20:25:00Z"), config::default_config());
  world.setup.strategy_orders[core::AssetClass::crypto] = backtest::StrategyOrder{
      core::AssetClass::crypto, {"bb", "macd", "rsi", "3ma"}, true, "a test's ranking"};
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.run(session, at("2026-11-18T21:20:00Z"), [] { return false; });
  const auto said = world.texts(SessionNotice::Kind::strategies);
  ASSERT_EQ(said.size(), 2u); // once per market and session
  EXPECT_EQ(said[0], "US_EQUITY strategies: 3ma, rsi, macd, bb (default order: no ranking given to "
                     "the session)");
  EXPECT_EQ(said[1], "CRYPTO strategies: bb, macd, rsi, 3ma (a test's ranking)");
  // Each came before its market's first scan.
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    const auto first = std::find_if(world.notices.begin(), world.notices.end(), [&](const auto& n) {
      return n.market == market &&
             (n.kind == SessionNotice::Kind::strategies || n.kind == SessionNotice::Kind::scan);
    });
    ASSERT_NE(first, world.notices.end());
    EXPECT_EQ(first->kind, SessionNotice::Kind::strategies) << first->text;
  }
}

TEST(TradingSessionWires, AFlaggedSymbolsEntryIsRefusedByTheManipulationRule) {
  test::TempDir dir;
  // A filter that flags every bar as wash trading: every crypto signal is in a flagged symbol.
  auto config = config::default_config();
  config.manipulation.wash_volume_multiple = 0;
  config.manipulation.wash_max_range_atr = 1e9;
  World world(dir.path(), at("2026-11-18T22:00:00Z"), config);
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.run(session, at("2026-11-19T04:00:00Z"), [&] { return !world.refusals().empty(); });
  const auto refusals = world.refusals();
  ASSERT_FALSE(refusals.empty()) << "no entry refused in six hours of synthetic crypto";
  EXPECT_TRUE(contains(refusals.front().message, "refused by manipulation: ") &&
              contains(refusals.front().message, "wash-trading-like"))
      << refusals.front().message;
  EXPECT_EQ(session.stats().orders, 0);
  EXPECT_TRUE(world.store.orders()->empty());
}

TEST(TradingSessionWires, TheVenuesAssetRulesReachTheRiskRules) {
  test::TempDir dir;
  World world(dir.path(), at("2026-11-18T22:00:00Z"), config::default_config());
  // Minimum order sizes no entry can meet: the risk rule refuses, the venue is never asked.
  for (const auto& symbol : world.setup.universe[core::AssetClass::crypto]) {
    broker::AssetRules rules;
    rules.min_order_size = core::Decimal::from_int(1'000'000);
    rules.min_trade_increment = core::Decimal::from_units(1);
    world.exchange.set_asset(symbol, rules);
  }
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.run(session, at("2026-11-19T04:00:00Z"), [&] { return !world.refusals().empty(); });
  const auto refusals = world.refusals();
  ASSERT_FALSE(refusals.empty()) << "no entry refused in six hours of synthetic crypto";
  EXPECT_TRUE(contains(refusals.front().message, "refused by min_order_size: "))
      << refusals.front().message;
  for (const auto& alert : world.texts(SessionNotice::Kind::alert)) {
    EXPECT_FALSE(contains(alert, "rejected")) << alert;
  }
}

} // namespace
} // namespace crew::engine
