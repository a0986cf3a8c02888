#include "report/review.hpp"
#include "report_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::report;
using crew::report::test::at;
using crew::report::test::trade;

namespace {

// A store with three trades in the period (hour 1–3) and one after it, an hour of heartbeats
// with a 10-minute gap, API calls, events and a last known equity.
class ReviewTest : public ::testing::Test {
protected:
  ReviewTest() {
    auto opened = state::StateStore::open(m_dir / "state.db");
    EXPECT_TRUE(opened.ok()) << opened.error().message();
    m_store = std::make_unique<state::StateStore>(std::move(*opened));
    for (const auto& t :
         {trade("AAPL", "rsi", "120", 3600), trade("BTC/USD", "macd", "-20", 7200),
          trade("ETH/USD", "rsi", "30", 10'800), trade("MSFT", "bb", "70", 100'000)}) {
      EXPECT_TRUE(m_store->insert_trade(t).ok());
    }
    EXPECT_TRUE(m_store->set_setting("account.equity", "10200", at(100'000)).ok());
    EXPECT_TRUE(
        m_store->set_setting("session.first_heartbeat", core::format_rfc3339(at(0)), at(0)).ok());
    for (int minute = 0; minute < 60; ++minute) {
      if (minute < 20 || minute >= 30) {
        EXPECT_TRUE(m_store->record_heartbeat(at(minute * 60)).ok());
      }
    }
    for (int i = 0; i < 90; ++i) {
      EXPECT_TRUE(m_store->record_api_call({at(i * 100), "GET /v2/account", 200}).ok());
    }
    EXPECT_TRUE(m_store
                    ->record_event({0, at(50), state::EventKind::alert, std::nullopt,
                                    "halt: trading is halted"})
                    .ok());
    EXPECT_TRUE(
        m_store->record_event({0, at(60), state::EventKind::halt, std::nullopt, "crew stop"}).ok());
  }

  ReviewRequest request(std::int64_t from, std::int64_t to) const {
    ReviewRequest r;
    r.from = at(from);
    r.to = at(to);
    r.requests_per_minute = 10;
    r.tick = std::chrono::seconds{60};
    return r;
  }

  crew::test::TempDir m_dir;
  std::unique_ptr<state::StateStore> m_store;
};

} // namespace

TEST_F(ReviewTest, ReviewsTheTradesClosedInThePeriod) {
  const auto review = build_review(*m_store, request(0, 3600 * 4));
  ASSERT_TRUE(review.ok()) << review.error().message();
  EXPECT_EQ(review->trades.size(), 3U);
  EXPECT_EQ(review->total.trades, 3);
  EXPECT_DOUBLE_EQ(review->total.net_pnl, 130);
  ASSERT_EQ(review->by_market.size(), 2U);
  EXPECT_EQ(review->by_market[0].name, "US_EQUITY");
  EXPECT_EQ(review->by_market[1].trades, 2);
  ASSERT_EQ(review->by_strategy.size(), 2U);
  EXPECT_EQ(review->by_strategy[0].name, "macd");
  EXPECT_EQ(review->by_strategy[1].name, "rsi");
  EXPECT_DOUBLE_EQ(review->by_strategy[1].net_pnl, 150);
}

TEST_F(ReviewTest, EstimatesTheEquityCurveFromTheLastEquityAndTheTrades) {
  const auto review = build_review(*m_store, request(0, 3600 * 4));
  ASSERT_TRUE(review.ok()) << review.error().message();
  EXPECT_FALSE(review->equity_recorded);
  // 10 200 now, less 130 in the period and 70 after it: 10 000 at the start.
  EXPECT_DOUBLE_EQ(review->start_equity, 10'000);
  EXPECT_DOUBLE_EQ(review->end_equity, 10'130);
  ASSERT_EQ(review->equity.size(), 4U);
  EXPECT_EQ(review->equity[1].time, at(3600));
  EXPECT_DOUBLE_EQ(review->max_drawdown_fraction, 20.0 / 10'120.0);
}

TEST_F(ReviewTest, TheEstimateLeavesOutTheOpenPositionsUnrealisedPnl) {
  state::PositionRecord open;
  open.position.symbol = *core::classify_symbol("SOL/USD");
  open.position.qty = *core::parse_decimal("1");
  open.position.unrealized_pl = *core::parse_decimal("-50");
  open.strategy = "rsi";
  ASSERT_TRUE(m_store->upsert_position(open).ok());
  const auto review = build_review(*m_store, request(0, 3600 * 4));
  ASSERT_TRUE(review.ok()) << review.error().message();
  EXPECT_DOUBLE_EQ(review->start_equity, 10'050); // 10 200 − 130 − 70 − (−50)
}

TEST_F(ReviewTest, PrefersTheRecordedEquityCurve) {
  ASSERT_TRUE(m_store->record_equity(at(0), *core::parse_decimal("5000")).ok());
  ASSERT_TRUE(m_store->record_equity(at(60), *core::parse_decimal("5500")).ok());
  ASSERT_TRUE(m_store->record_equity(at(120), *core::parse_decimal("4950")).ok());
  const auto review = build_review(*m_store, request(0, 3600 * 4));
  ASSERT_TRUE(review.ok()) << review.error().message();
  EXPECT_TRUE(review->equity_recorded);
  EXPECT_DOUBLE_EQ(review->start_equity, 5000);
  EXPECT_DOUBLE_EQ(review->end_equity, 4950);
  EXPECT_NEAR(review->max_drawdown_fraction, 0.1, 1e-12);
}

TEST_F(ReviewTest, CountsApiCallsPerDayAgainstTheQuota) {
  const auto review = build_review(*m_store, request(0, 3600));
  ASSERT_TRUE(review.ok()) << review.error().message();
  const auto& ops = review->operations;
  EXPECT_EQ(ops.api_calls, 36); // one every 100 s
  EXPECT_DOUBLE_EQ(ops.api_quota_fraction, 36.0 / 600.0);
  ASSERT_EQ(ops.api_calls_by_day.size(), 1U);
  EXPECT_EQ(ops.api_calls_by_day[0].calls, 36);
  EXPECT_EQ(ops.api_calls_by_day[0].day, at(0).day());
}

TEST_F(ReviewTest, UptimeCountsHeartbeatGapsFromTheFirstHeartbeat) {
  const auto review = build_review(*m_store, request(-3600, 3600));
  ASSERT_TRUE(review.ok()) << review.error().message();
  const auto& ops = review->operations;
  ASSERT_TRUE(ops.uptime.has_value());
  EXPECT_EQ(ops.monitored_from, at(0)); // not before the loop existed
  // Beats cover 2 min each: the gap from 19:00 to 30:00 leaves 9 minutes uncovered.
  EXPECT_NEAR(*ops.uptime, 51.0 / 60.0, 1e-9);
  EXPECT_EQ(ops.heartbeats, 50);
  EXPECT_EQ(ops.longest_gap, std::chrono::minutes{11});
  EXPECT_EQ(ops.alerts, 1);
  EXPECT_EQ(ops.halts, 1);
}

TEST_F(ReviewTest, APeriodBeforeTheLoopRanHasNoUptime) {
  const auto review = build_review(*m_store, request(-7200, -3600));
  ASSERT_TRUE(review.ok()) << review.error().message();
  EXPECT_FALSE(review->operations.uptime.has_value());
  EXPECT_EQ(review->total.trades, 0);
}

TEST_F(ReviewTest, AnEmptyPeriodIsAnError) {
  EXPECT_FALSE(build_review(*m_store, request(100, 100)).ok());
}

TEST(ReviewPeriod, ParsesTheNamedPeriodsAndEndsThemAtTheGivenTime) {
  EXPECT_EQ(*parse_period("week"), PeriodKind::week);
  EXPECT_EQ(parse_period("year").error().where, "--period");
  EXPECT_EQ(period_start(PeriodKind::day, at(86'400)), at(0));
  EXPECT_EQ(period_start(PeriodKind::week, at(0)), at(-7 * 86'400));
  EXPECT_EQ(period_start(PeriodKind::month, at(0)), at(-30 * 86'400));
}

TEST(ReviewEquity, FallsBackToTheConfiguredEquityInAnEmptyStore) {
  crew::test::TempDir dir;
  auto store = state::StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok());
  ReviewRequest r;
  r.from = at(0);
  r.to = at(60);
  r.fallback_equity = 2500;
  const auto review = build_review(*store, r);
  ASSERT_TRUE(review.ok()) << review.error().message();
  EXPECT_DOUBLE_EQ(review->start_equity, 2500);
  EXPECT_DOUBLE_EQ(review->max_drawdown_fraction, 0);
  EXPECT_EQ(review->operations.api_calls, 0);
}
