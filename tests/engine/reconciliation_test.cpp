#include "broker/sim_broker.hpp"
#include "engine/reconciliation.hpp"
#include "state/client_order_id.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace crew::engine {
namespace {

class ReconciliationTest : public ::testing::Test {
protected:
  ReconciliationTest()
      : m_btc(core::classify_symbol("BTC/USD").value()),
        m_t0(core::parse_rfc3339("2026-01-01T12:00:00Z").value()), m_exchange(settings()),
        m_store(state::StateStore::open(m_dir / "state.db", {false}).value()) {
    m_exchange.on_price(m_btc, 100, m_t0 - std::chrono::minutes{1});
  }

  static broker::SimBrokerSettings settings() {
    broker::SimBrokerSettings settings;
    settings.starting_cash = core::Decimal::from_int(10'000);
    return settings;
  }

  // Sends `request` to the exchange and lets the next minute's price fill it.
  void execute(const core::OrderRequest& request) {
    ASSERT_TRUE(m_exchange.submit(request).ok());
    m_exchange.on_price(m_btc, 100, m_t0);
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

  core::Symbol m_btc;
  core::UtcTime m_t0;
  broker::SimBroker m_exchange;
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
  execute(buy("rsi"));
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
  execute(buy("manual")); // traded behind our back
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
