#include "data/synthetic_market.hpp"
#include "engine/autonomous_loop.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_venue.hpp"
#include "engine/trading_session.hpp"
#include "sim_world.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace crew::engine {
namespace {

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
    // The distance decided with the entry, below the entry's fill price (the backtester's rule).
    const auto kept =
        world.store.setting(k_entry_stop_distance_prefix + p.entry_client_order_id).value();
    ASSERT_TRUE(kept.has_value()) << p.entry_client_order_id;
    ASSERT_TRUE(p.stop_price.has_value());
    const auto entry = world.store.find_order(p.entry_client_order_id).value();
    ASSERT_TRUE(entry && entry->order.filled_avg_price);
    EXPECT_NEAR(
        p.stop_price->to_double(),
        entry->order.filled_avg_price->to_double() - core::parse_decimal(*kept)->to_double(), 1e-6);
  }
}

// A venue whose answers go missing, the way a network under faults loses them: every order
// lookup can fail, and the answer to every POST can be lost after the venue took the order, with
// the venue not admitting to it for the first `hidden_lookups` look-ups of each order (a POST
// held past the client's timeout by a proxy, say).
class LossyVenue final : public broker::Broker {
public:
  explicit LossyVenue(broker::Broker& venue) : m_venue(venue) {}
  bool lookups_fail = false;
  bool lose_post_answers = false;
  bool drop_posts = false; // the POST never reaches the venue (and its answer is lost)
  int hidden_lookups = 0;
  std::map<std::string, int> posts; // client_order_id → times it reached the venue

  core::Result<core::Account> account() override { return m_venue.account(); }
  core::Result<std::vector<core::Position>> positions() override { return m_venue.positions(); }
  core::Result<std::vector<core::Order>> open_orders() override { return m_venue.open_orders(); }
  broker::SubmitResult submit(const core::OrderRequest& request) override {
    ++posts[request.client_order_id];
    if (drop_posts) {
      return {std::nullopt, broker::SubmitError{broker::SubmitError::Kind::unknown, 0,
                                                "timeout; the broker does not know it yet"}};
    }
    auto result = m_venue.submit(request);
    if (lose_post_answers && result.ok()) {
      return {std::nullopt, broker::SubmitError{broker::SubmitError::Kind::unknown, 0,
                                                "timeout; the broker does not know it yet"}};
    }
    return result;
  }
  core::Status cancel(const std::string& order_id) override { return m_venue.cancel(order_id); }
  core::Result<core::Order> close_position(const core::Symbol& symbol) override {
    return m_venue.close_position(symbol);
  }
  core::Status close_all() override { return m_venue.close_all(); }
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) override {
    if (lookups_fail) {
      return core::Error{"HTTP 503", "GET /v2/orders:by_client_order_id"};
    }
    if (m_lookups[id]++ < hidden_lookups) {
      return std::optional<core::Order>{};
    }
    return m_venue.order_by_client_id(id);
  }
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) override {
    return m_venue.fills_since(since);
  }

private:
  broker::Broker& m_venue;
  std::map<std::string, int> m_lookups;
};

// What the store must say of every order at the end, whatever answers went missing: its filled
// quantity is its fills' sum, nothing the venue took is "rejected", and every position bought by
// an order of ours carries that order's strategy.
void expect_consistent(state::StateStore& store) {
  const auto orders = store.orders().value();
  ASSERT_FALSE(orders.empty()) << "no order: the test proves nothing";
  for (const auto& r : orders) {
    core::Decimal filled;
    const auto fills = store.fills_of_order(r.order.client_order_id).value();
    for (const auto& f : fills) {
      filled += f.qty;
    }
    EXPECT_EQ(r.order.filled_qty.to_string(), filled.to_string())
        << r.order.client_order_id << " " << r.status_text();
    EXPECT_NE(r.order.status, core::OrderStatus::rejected) << r.order.client_order_id;
  }
  const auto positions = store.positions().value();
  for (const auto& p : positions) {
    EXPECT_NE(p.strategy, "unknown") << p.position.symbol.str();
  }
}

// Six simulated hours of crypto from the world's start (22:00), trading through `venue`.
void run_six_hours(SimWorld& world, LossyVenue& venue) {
  TradingSession session(world.config, world.clock, venue, world.data, world.store, world.setup);
  LoopOptions options;
  options.end = at("2026-11-19T04:00:00Z");
  ASSERT_TRUE(run_loop(session, world.clock, venue, world.store, options));
}

// The paper fault campaign's failure, created on purpose: the entry's POST was answered, then
// every lookup of it failed while its fill came through the activity feed. The store kept the
// fill beside an order still "new" with 0 filled, and the position lost its strategy.
TEST(TradingSession, FillsSettleOrdersWhoseLookupsAllFail) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T22:00:00Z"));
  LossyVenue venue(world.exchange);
  venue.lookups_fail = true;
  run_six_hours(world, venue);
  expect_consistent(world.store);
  const auto orders = world.store.orders().value();
  for (const auto& r : orders) {
    EXPECT_FALSE(r.is_open()) << r.order.client_order_id << " never settled";
  }
}

// The money-safety defect, created on purpose: every POST's answer is lost after the venue took
// the order, and the venue does not admit to it for the first lookups. Such an order is never
// stored rejected and never sent twice; it is followed until the venue has it, then booked.
TEST(TradingSession, AnOrderWhoseAnswerWasLostIsFollowedNeverRejectedNeverResent) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T22:00:00Z"));
  LossyVenue venue(world.exchange);
  venue.lose_post_answers = true;
  venue.hidden_lookups = 3;
  run_six_hours(world, venue);
  expect_consistent(world.store);
  ASSERT_FALSE(venue.posts.empty());
  for (const auto& [id, count] : venue.posts) {
    EXPECT_EQ(count, 1) << id << " reached the venue more than once";
    const auto stored = world.store.find_order(id).value();
    ASSERT_TRUE(stored.has_value()) << id;
    EXPECT_TRUE(stored->sent) << id << " still " << stored->status_text();
  }
  const bool alerted = std::any_of(world.notices.begin(), world.notices.end(), [](const auto& n) {
    return n.kind == SessionNotice::Kind::alert &&
           n.text.find("outcome unknown") != std::string::npos;
  });
  EXPECT_TRUE(alerted);
}

// The same, but the venue never gets the order: after the grace period it is settled as never
// placed (canceled, not rejected), and only then may the symbol be entered again.
TEST(TradingSession, AnOrderTheBrokerNeverGetsIsSettledAfterItsGrace) {
  test::TempDir dir;
  SimWorld world(dir.path(), at("2026-11-18T22:00:00Z"));
  LossyVenue venue(world.exchange);
  venue.drop_posts = true;
  run_six_hours(world, venue);
  int settled = 0;
  const auto orders = world.store.orders().value();
  for (const auto& r : orders) {
    EXPECT_NE(r.order.status, core::OrderStatus::rejected) << r.order.client_order_id;
    if (!r.is_open()) {
      EXPECT_EQ(r.order.status, core::OrderStatus::canceled) << r.order.client_order_id;
      ASSERT_TRUE(r.order.canceled_at.has_value());
      EXPECT_GE(*r.order.canceled_at - r.order.submitted_at, std::chrono::minutes{10});
      ++settled;
    }
  }
  EXPECT_GT(settled, 0);
  EXPECT_TRUE(world.exchange.positions()->empty());
  EXPECT_TRUE(world.store.positions()->empty());
}

} // namespace
} // namespace crew::engine
