// Protective stops resting at the broker (SessionSetup::resting_stops, issue 12 item 1): placed
// once an entry is booked, filled by the execution rules the backtester uses, canceled before any
// other exit so a position is never sold twice, kept through a halt; and a crypto round trip's
// booked P&L is the cash it made (the buy's coin fee counted once).
#include "engine/trading_session.hpp"
#include "execution/fill_rules.hpp"
#include "sim_world.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace crew::engine {
namespace {

core::UtcTime at(const char* text) {
  return core::parse_rfc3339(text).value();
}

// Synthetic crypto at night (US closed), stops tight enough to be hit within hours.
struct StopWorld : SimWorld {
  explicit StopWorld(const std::filesystem::path& dir)
      : SimWorld(dir, at("2026-11-18T22:00:00Z"), tight_stops()) {
    setup.resting_stops = true;
  }

  static config::Config tight_stops() {
    auto cfg = config::default_config();
    cfg.strategy.stop_atr_mult = 0.3;
    return cfg;
  }

  void tick_until(TradingSession& session, core::UtcTime until, const std::function<bool()>& done) {
    const std::atomic<bool> never{false};
    while (clock.now() < until && !done()) {
      ASSERT_TRUE(session.tick());
      clock.sleep_until(clock.now() + std::chrono::minutes{1}, never);
    }
  }

  std::vector<state::OrderRecord> orders_for(const std::string& purpose) {
    std::vector<state::OrderRecord> out;
    const auto all = store.orders().value();
    for (const auto& r : all) {
      if (r.purpose == purpose) {
        out.push_back(r);
      }
    }
    return out;
  }

  // The 1-minute bar of `symbol` that opened at `time` (the bars the venue was fed).
  core::Bar minute_bar(const core::Symbol& symbol, core::UtcTime time) const {
    const data::SyntheticMarket market(symbol, 42);
    const auto bars = market.bars(core::Timeframe::min1, time, time + std::chrono::minutes{1});
    return bars.value().at(0);
  }
};

TEST(RestingStops, AStopRestsAtTheBrokerAndFillsByTheBacktestersRule) {
  test::TempDir dir;
  StopWorld world(dir.path());
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.tick_until(session, at("2026-11-19T12:00:00Z"), [&] {
    for (const auto& r : world.orders_for(k_stop_purpose)) {
      if (r.order.status == core::OrderStatus::filled) {
        return true;
      }
    }
    return false;
  });
  const auto stops = world.orders_for(k_stop_purpose);
  const auto hit = std::find_if(stops.begin(), stops.end(), [](const state::OrderRecord& r) {
    return r.order.status == core::OrderStatus::filled;
  });
  ASSERT_NE(hit, stops.end()) << "no stop filled in 14 hours";
  const auto& filled = *hit;
  // Crypto: a stop-limit 2% below the stop (profiles.crypto.stop_limit_offset).
  EXPECT_EQ(filled.order.type, core::OrderType::stop_limit);
  ASSERT_TRUE(filled.order.stop_price && filled.order.limit_price);
  EXPECT_NEAR(filled.order.limit_price->to_double(), filled.order.stop_price->to_double() * 0.98,
              1e-6);
  // The fill is execution::cross on the bar it filled in: what the backtester would book.
  const auto& symbol = filled.order.symbol;
  const core::Bar bar = world.minute_bar(symbol, *filled.order.filled_at);
  const auto rule = execution::protective_stop(core::AssetClass::crypto,
                                               filled.order.stop_price->to_double(), 0.02);
  const auto expected = execution::cross(rule, bar, execution::Slippage{}); // SimWorld's venue
  ASSERT_TRUE(expected.fills);
  EXPECT_NEAR(filled.order.filled_avg_price->to_double(), expected.price, 1e-6 * expected.price);
  // Booked once, as the position's exit, reason "stop"; the position is gone.
  int stop_trades = 0;
  const auto trades = world.store.trades().value();
  for (const auto& t : trades) {
    if (t.exit_client_order_id == filled.order.client_order_id) {
      ++stop_trades;
      EXPECT_EQ(t.exit_reason, "stop");
    }
  }
  EXPECT_EQ(stop_trades, 1);
  EXPECT_FALSE(world.store.find_position(symbol).value().has_value());
}

TEST(RestingStops, AFlattenCancelsEachStopBeforeItsExitAndNothingIsSoldTwice) {
  test::TempDir dir;
  StopWorld world(dir.path());
  world.config.strategy.stop_atr_mult = 3.0; // stops far away: they stay resting
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.tick_until(session, at("2026-11-19T12:00:00Z"),
                   [&] { return !world.orders_for(k_stop_purpose).empty(); });
  ASSERT_FALSE(world.orders_for(k_stop_purpose).empty()) << "no stop placed in 14 hours";
  ASSERT_TRUE(world.store.set_setting("stop.flatten", "true", world.clock.now()));
  ASSERT_TRUE(world.store.set_halted("crew stop --flatten", world.clock.now()));
  world.tick_until(session, world.clock.now() + std::chrono::hours{2},
                   [&] { return world.store.positions().value().empty(); });
  EXPECT_TRUE(world.store.positions().value().empty());
  EXPECT_TRUE(world.exchange.positions().value().empty());
  for (const auto& stop : world.orders_for(k_stop_purpose)) {
    EXPECT_EQ(stop.order.status, core::OrderStatus::canceled) << stop.order.client_order_id;
  }
  // One filled sell per position held: the flatten's exit, never the stop as well.
  std::map<std::string, int> sells;
  const auto orders = world.store.orders().value();
  for (const auto& r : orders) {
    if (r.order.side == core::Side::sell && r.order.status == core::OrderStatus::filled) {
      ++sells[r.order.symbol.str()];
    }
  }
  for (const auto& [symbol, n] : sells) {
    EXPECT_EQ(n, 1) << symbol;
  }
}

TEST(RestingStops, AHaltWithoutFlattenKeepsTheStopsResting) {
  test::TempDir dir;
  StopWorld world(dir.path());
  world.config.strategy.stop_atr_mult = 3.0;
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  world.tick_until(session, at("2026-11-19T12:00:00Z"),
                   [&] { return !world.orders_for(k_stop_purpose).empty(); });
  ASSERT_FALSE(world.orders_for(k_stop_purpose).empty());
  ASSERT_TRUE(world.store.set_halted("crew stop", world.clock.now()));
  world.tick_until(session, world.clock.now() + std::chrono::minutes{3}, [] { return false; });
  for (const auto& stop : world.orders_for(k_stop_purpose)) {
    EXPECT_TRUE(core::is_open(stop.order.status)) << stop.order.client_order_id;
  }
}

TEST(RestingStops, ACryptoRoundTripsBookedPnlIsTheCashItMade) {
  // Before: the trade's entry price was the broker's cost per coin held (fill / (1 − fee)) while
  // the buy's coin fee was also among its fees, so every crypto trade lost its entry fee twice.
  test::TempDir dir;
  StopWorld world(dir.path());
  TradingSession session(world.config, world.clock, world.exchange, world.data, world.store,
                         world.setup);
  const auto cash_before = world.exchange.account().value().cash;
  world.tick_until(session, at("2026-11-19T06:00:00Z"),
                   [&] { return world.store.trades().value().size() >= 2; });
  ASSERT_TRUE(world.store.set_setting("stop.flatten", "true", world.clock.now()));
  ASSERT_TRUE(world.store.set_halted("crew stop --flatten", world.clock.now()));
  world.tick_until(session, world.clock.now() + std::chrono::hours{2},
                   [&] { return world.store.positions().value().empty(); });
  ASSERT_TRUE(world.exchange.positions().value().empty());
  const auto trades = world.store.trades().value();
  ASSERT_GE(trades.size(), 2U);
  core::Decimal pnl;
  for (const auto& t : trades) {
    pnl += t.pnl;
  }
  const auto cash_after = world.exchange.account().value().cash;
  // Flat: the trips' P&L is the change of cash, to the Decimal rounding of each fill.
  EXPECT_NEAR(pnl.to_double(), (cash_after - cash_before).to_double(),
              1e-5 * static_cast<double>(trades.size()));
}

} // namespace
} // namespace crew::engine
