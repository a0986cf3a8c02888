#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;

namespace {

StateStore open_store(const crew::test::TempDir& dir) {
  auto store = StateStore::open(dir / "state.db");
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(*store);
}

} // namespace

TEST(StateStoreOps, CountsApiCallsInWindow) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store.record_api_call({at(i * 60), "GET /v2/account", 200}).ok());
  }
  ASSERT_TRUE(store.record_api_call({at(600), "POST /v2/orders", 429}).ok());
  EXPECT_EQ(*store.count_api_calls(at(0), at(601)), 6);
  EXPECT_EQ(*store.count_api_calls(at(60), at(240)), 3);
}

TEST(StateStoreOps, RegularHeartbeatsGiveFullUptime) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  for (int i = 0; i < 60; ++i) {
    ASSERT_TRUE(store.record_heartbeat(at(i * 60)).ok());
  }
  auto up = store.uptime(at(0), at(3600), std::chrono::seconds{120});
  ASSERT_TRUE(up.ok());
  EXPECT_DOUBLE_EQ(up->fraction, 1.0);
  EXPECT_EQ(up->heartbeats, 60);
  EXPECT_EQ(up->longest_gap, std::chrono::seconds{60});
  EXPECT_EQ(**store.last_heartbeat(), at(3540));
}

TEST(StateStoreOps, GapsBeyondToleranceAreDowntime) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  // Beats every minute for the first half hour, then nothing for 20 minutes, then again.
  for (int i = 0; i < 60; ++i) {
    if (i < 30 || i >= 50) {
      ASSERT_TRUE(store.record_heartbeat(at(i * 60)).ok());
    }
  }
  auto up = store.uptime(at(0), at(3600), std::chrono::seconds{120});
  // The beat at minute 29 covers to 31; 31 → 50 is down: 19 of 60 minutes.
  EXPECT_DOUBLE_EQ(up->fraction, 41.0 / 60.0);
  EXPECT_EQ(up->longest_gap, std::chrono::minutes{21});
  EXPECT_DOUBLE_EQ(store.uptime(at(-3600), at(0), std::chrono::seconds{120})->fraction, 0.0);
}

TEST(StateStoreOps, EventsRoundTripAndFilterByKind) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  Event sw{0, at(0), EventKind::market_switch, core::AssetClass::crypto, "US close → CRYPTO"};
  Event alert{0, at(10), EventKind::alert, std::nullopt, "daily loss limit hit"};
  Event later{0, at(20), EventKind::market_switch, core::AssetClass::us_equity, "US open"};
  for (const Event& e : {sw, alert, later}) {
    ASSERT_TRUE(store.record_event(e).ok());
  }
  auto all = store.events(at(0), at(100));
  ASSERT_EQ(all->size(), 3U);
  sw.id = all->at(0).id;
  EXPECT_EQ(all->at(0), sw);
  EXPECT_EQ(all->at(1).market, std::nullopt);
  EXPECT_EQ(store.events(at(0), at(100), EventKind::alert)->size(), 1U);
  auto last = store.last_event(EventKind::market_switch);
  ASSERT_TRUE(last->has_value());
  EXPECT_EQ((*last)->message, "US open");
  EXPECT_FALSE(store.last_event(EventKind::halt)->has_value());
}
