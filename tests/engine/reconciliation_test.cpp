#include "engine/reconciliation.hpp"
#include "engine/sim_exchange.hpp"
#include "engine/sim_market_data.hpp"
#include "state/client_order_id.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace crew::engine {
namespace {

class ReconciliationTest : public ::testing::Test {
protected:
  ReconciliationTest()
      : m_btc(core::classify_symbol("BTC/USD").value()),
        m_t0(core::parse_rfc3339("2026-01-01T12:00:00Z").value()), m_clock(m_t0),
        m_data(make_bars()), m_exchange(m_config, m_clock, m_data, core::Decimal::from_int(10'000)),
        m_store(state::StateStore::open(m_dir / "state.db", {false}).value()) {}

  std::vector<data::BarSeries> make_bars() {
    data::BarSeries bars(m_btc, core::Timeframe::hour1);
    bars.push_back(core::Bar{m_t0 - std::chrono::hours{2}, 100, 100, 100, 100, 1, 0, 0});
    return {bars};
  }

  core::OrderRequest buy(const std::string& strategy) {
    core::OrderRequest r;
    r.symbol = m_btc;
    r.time_in_force = core::TimeInForce::gtc;
    r.qty = core::Decimal::from_int(1);
    r.client_order_id = state::make_client_order_id(
        state::OrderDecision{m_btc, strategy, core::Side::buy, m_t0, 0});
    return r;
  }

  void store_intent(const core::OrderRequest& request) {
    state::OrderRecord record;
    record.order = core::make_order(request, m_t0);
    record.strategy = "rsi";
    ASSERT_TRUE(m_store.insert_order(record).value());
  }

  config::Config m_config = config::default_config();
  core::Symbol m_btc;
  core::UtcTime m_t0;
  SimClock m_clock;
  SimMarketData m_data;
  SimExchange m_exchange;
  test::TempDir m_dir;
  state::StateStore m_store;
};

TEST_F(ReconciliationTest, MarksAnIntentTheBrokerNeverSawAsNotSent) {
  store_intent(buy("rsi"));
  auto report = reconcile(m_store, m_exchange, m_t0);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->not_sent, 1);
  auto order = m_store.find_order(buy("rsi").client_order_id).value();
  EXPECT_EQ(order->order.status, core::OrderStatus::canceled);
  EXPECT_TRUE(m_store.open_orders()->empty());
}

TEST_F(ReconciliationTest, AdoptsAnIntentTheBrokerReceived) {
  // The crash came between sending and recording the answer.
  store_intent(buy("rsi"));
  ASSERT_TRUE(m_exchange.submit(buy("rsi")).ok());
  auto report = reconcile(m_store, m_exchange, m_t0);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << (report->problems.empty() ? "" : report->problems.front());
  EXPECT_EQ(report->adopted, 1);
  EXPECT_EQ(report->fills, 1);
  auto order = m_store.find_order(buy("rsi").client_order_id).value();
  EXPECT_TRUE(order->sent);
  EXPECT_EQ(order->order.status, core::OrderStatus::filled);
  EXPECT_EQ(m_store.positions()->size(), 1u);
}

TEST_F(ReconciliationTest, RefusesAPositionNoOrderOfOursExplains) {
  ASSERT_TRUE(m_exchange.submit(buy("manual")).ok()); // traded behind our back
  auto report = reconcile(m_store, m_exchange, m_t0);
  ASSERT_TRUE(report);
  ASSERT_FALSE(report->ok());
  EXPECT_NE(report->problems.front().find("no order of ours"), std::string::npos);
}

TEST_F(ReconciliationTest, RefusesASentOrderTheBrokerDoesNotKnow) {
  store_intent(buy("rsi"));
  auto sent = core::make_order(buy("rsi"), m_t0);
  sent.id = "gone";
  sent.status = core::OrderStatus::accepted;
  ASSERT_TRUE(m_store.update_order(sent));
  auto report = reconcile(m_store, m_exchange, m_t0);
  ASSERT_TRUE(report);
  ASSERT_FALSE(report->ok());
  EXPECT_NE(report->problems.front().find("does not know"), std::string::npos);
}

} // namespace
} // namespace crew::engine
