#include "broker/sim_broker.hpp"
#include "engine/order_booking.hpp"
#include "engine/reconciliation.hpp"
#include "state/client_order_id.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <set>

namespace crew::engine {
namespace {

// A venue that moves on between our requests: `on_positions` runs just before the positions are
// read (here: the minute that fills an order the lookup still saw as accepted).
class VenueMovingOn final : public broker::Broker {
public:
  VenueMovingOn(broker::Broker& venue, std::function<void()> on_positions)
      : m_venue(venue), m_on_positions(std::move(on_positions)) {}
  core::Result<core::Account> account() override { return m_venue.account(); }
  core::Result<std::vector<core::Position>> positions() override {
    m_on_positions();
    return m_venue.positions();
  }
  core::Result<std::vector<core::Order>> open_orders() override { return m_venue.open_orders(); }
  broker::SubmitResult submit(const core::OrderRequest& request) override {
    return m_venue.submit(request);
  }
  core::Status cancel(const std::string& order_id) override { return m_venue.cancel(order_id); }
  core::Result<core::Order> close_position(const core::Symbol& symbol) override {
    return m_venue.close_position(symbol);
  }
  core::Status close_all() override { return m_venue.close_all(); }
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) override {
    if (unknown_ids.contains(id)) {
      return std::optional<core::Order>{};
    }
    return m_venue.order_by_client_id(id);
  }
  std::set<std::string> unknown_ids; // looked up as never seen (a POST still on its way)
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) override {
    return m_venue.fills_since(since);
  }

private:
  broker::Broker& m_venue;
  std::function<void()> m_on_positions;
};

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

// Seen in the crash test against a fast fake_alpaca: the order was looked up as accepted, filled
// before the positions were read, and the restart refused to trade over its own order's position.
TEST_F(ReconciliationTest, AnOpenOrderOfOursExplainsAPositionThatFilledDuringTheCheck) {
  store_intent(buy("rsi"));
  ASSERT_TRUE(m_exchange.submit(buy("rsi")).ok()); // accepted; the next minute fills it
  VenueMovingOn venue(m_exchange, [this] { m_exchange.on_price(m_btc, 100, m_t0); });
  auto report = reconcile(m_store, venue, m_t0);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems.front();
  EXPECT_EQ(report->adopted, 1);
  auto order = m_store.find_order(buy("rsi").client_order_id).value();
  EXPECT_TRUE(core::is_open(order->order.status)) << "the loop's next refresh records the fill";
  ASSERT_EQ(m_store.positions()->size(), 1U) << "the broker's position is mirrored";
  EXPECT_EQ(m_store.positions()->front().position.qty, m_exchange.positions()->front().qty);
}

TEST_F(ReconciliationTest, AnOpenOrderOfOursDoesNotExplainAnotherSymbolsPosition) {
  const auto eth = core::classify_symbol("ETH/USD").value();
  store_intent(buy("rsi"));
  ASSERT_TRUE(m_exchange.submit(buy("rsi")).ok()); // ours, BTC, still open
  core::OrderRequest manual = buy("manual");
  manual.symbol = eth;
  m_exchange.on_price(eth, 50, m_t0 - std::chrono::minutes{1});
  ASSERT_TRUE(m_exchange.submit(manual).ok());
  m_exchange.on_price(eth, 50, m_t0); // fills the ETH bought behind our back only
  auto report = reconcile(m_store, m_exchange, m_t0);
  ASSERT_TRUE(report);
  ASSERT_FALSE(report->ok());
  EXPECT_NE(report->problems.front().find("ETH/USD"), std::string::npos)
      << report->problems.front();
}

// Before, a restart adopted the broker's "filled" for an entry that filled while crew was down but
// wrote no position of its own: the positions sync mirrored it with strategy "unknown" and the
// stop decided with the entry was lost. Now the restart books it like a tick would.
TEST_F(ReconciliationTest, AnEntryThatFilledWhileCrewWasDownIsBookedWithItsStrategyAndStop) {
  store_intent(buy("rsi"));
  ASSERT_TRUE(m_store.set_setting(k_entry_stop_prefix + buy("rsi").client_order_id, "95.5", m_t0));
  auto accepted = m_exchange.submit(buy("rsi"));
  ASSERT_TRUE(accepted.ok());
  ASSERT_TRUE(m_store.update_order(*accepted.order)); // crew saw "accepted", then went down
  m_exchange.on_price(m_btc, 100, m_t0);              // filled while crew was down
  auto report = reconcile(m_store, m_exchange, m_t0 + std::chrono::hours{1});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems.front();
  EXPECT_EQ(report->booked, 1);
  const auto positions = m_store.positions().value();
  ASSERT_EQ(positions.size(), 1U);
  EXPECT_EQ(positions.front().strategy, "rsi");
  EXPECT_EQ(positions.front().entry_client_order_id, buy("rsi").client_order_id);
  EXPECT_EQ(positions.front().stop_price, core::parse_decimal("95.5").value());
  // A second restart books nothing twice.
  auto again = reconcile(m_store, m_exchange, m_t0 + std::chrono::hours{2});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->booked, 0);
}

TEST_F(ReconciliationTest, AnExitThatFilledWhileCrewWasDownBecomesATrade) {
  store_intent(buy("rsi"));
  execute(buy("rsi"));
  ASSERT_TRUE(reconcile(m_store, m_exchange, m_t0));
  core::OrderRequest sell = buy("rsi");
  sell.side = core::Side::sell;
  sell.qty = m_exchange.positions()->front().qty;
  sell.client_order_id = "tc-exit-btc";
  state::OrderRecord exit;
  exit.order = core::make_order(sell, m_t0);
  exit.strategy = "rsi";
  exit.purpose = "exit";
  exit.reason = "stop";
  ASSERT_TRUE(m_store.insert_order(exit).value());
  auto accepted = m_exchange.submit(sell);
  ASSERT_TRUE(accepted.ok());
  ASSERT_TRUE(m_store.update_order(*accepted.order));
  m_exchange.on_price(m_btc, 90, m_t0 + std::chrono::minutes{1}); // the stop filled; crew down
  auto report = reconcile(m_store, m_exchange, m_t0 + std::chrono::hours{1});
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->ok()) << report->problems.front();
  const auto trades = m_store.trades().value();
  ASSERT_EQ(trades.size(), 1U);
  EXPECT_EQ(trades.front().exit_reason, "stop");
  EXPECT_EQ(trades.front().strategy, "rsi");
  EXPECT_TRUE(m_store.positions()->empty());
}

// A POST with no answer that the broker does not know: it may be on its way. Not a problem and
// not "not sent" within the grace period; settled as never placed after it.
TEST_F(ReconciliationTest, AnUnansweredOrderWaitsOutItsGraceBeforeItIsSettled) {
  store_intent(buy("rsi"));
  ASSERT_TRUE(m_store.mark_unanswered(buy("rsi").client_order_id, m_t0));
  auto early = reconcile(m_store, m_exchange, m_t0 + std::chrono::minutes{2});
  ASSERT_TRUE(early);
  EXPECT_TRUE(early->ok());
  EXPECT_EQ(early->waiting, 1);
  EXPECT_EQ(early->not_sent, 0);
  EXPECT_EQ(m_store.find_order(buy("rsi").client_order_id)->value().status_text(), "unknown");
  auto late = reconcile(m_store, m_exchange, m_t0 + std::chrono::minutes{11});
  ASSERT_TRUE(late);
  EXPECT_EQ(late->not_sent, 1);
  const auto order = m_store.find_order(buy("rsi").client_order_id)->value();
  EXPECT_EQ(order.order.status, core::OrderStatus::canceled) << "never 'rejected'";
}

TEST_F(ReconciliationTest, AnUnansweredOrderThatReachedTheBrokerLateIsAdoptedAndBooked) {
  store_intent(buy("rsi"));
  ASSERT_TRUE(m_store.mark_unanswered(buy("rsi").client_order_id, m_t0));
  VenueMovingOn venue(m_exchange, [] {});
  venue.unknown_ids.insert(buy("rsi").client_order_id);
  auto first = reconcile(m_store, venue, m_t0 + std::chrono::minutes{1});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->waiting, 1);
  execute(buy("rsi")); // the held POST arrives and fills
  venue.unknown_ids.clear();
  auto second = reconcile(m_store, venue, m_t0 + std::chrono::minutes{3});
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->ok()) << second->problems.front();
  EXPECT_EQ(second->adopted, 1);
  EXPECT_EQ(second->booked, 1);
  EXPECT_EQ(m_store.positions()->front().strategy, "rsi");
}

} // namespace
} // namespace crew::engine
