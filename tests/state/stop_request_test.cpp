#include "state/state_fixtures.hpp"
#include "state/stop_request.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;

TEST(StopRequest, StopSetsHaltFlattenAndEvent) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  ASSERT_TRUE(request_stop(*store, true, at(10), "dashboard stop").ok());
  const auto halt = store->halt_state();
  EXPECT_TRUE(halt->halted);
  EXPECT_EQ(halt->reason, "dashboard stop --flatten");
  EXPECT_EQ(halt->since, at(10));
  EXPECT_EQ(**store->setting("stop.flatten"), "true");
  const auto event = store->last_event(EventKind::halt);
  ASSERT_TRUE(event->has_value());
  EXPECT_EQ((*event)->message, "dashboard stop --flatten");
}

TEST(StopRequest, ResumeClearsHaltAndFlatten) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  ASSERT_TRUE(request_stop(*store, true, at(10)).ok());
  ASSERT_TRUE(request_resume(*store, at(20)).ok());
  EXPECT_FALSE(store->halt_state()->halted);
  EXPECT_EQ(**store->setting("stop.flatten"), "false");
  const auto event = store->last_event(EventKind::resume);
  ASSERT_TRUE(event->has_value());
  EXPECT_EQ((*event)->message, "crew resume");
}

TEST(StopRequest, ResumeAfterADrawdownHaltStartsANewHighWaterMark) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  ASSERT_TRUE(store->update_high_water_mark(core::Decimal::from_int(100'000), at(1)));
  ASSERT_TRUE(store->set_setting("account.equity", "89000", at(5)));
  ASSERT_TRUE(store->set_halted("drawdown 11% from the high-water mark", at(5)));
  ASSERT_TRUE(request_resume(*store, at(20)).ok());
  EXPECT_EQ(store->high_water_mark()->value(), core::Decimal::from_int(89'000));
  const auto event = store->last_event(EventKind::resume);
  EXPECT_NE((*event)->message.find("high-water mark reset to 89000"), std::string::npos);
}

TEST(StopRequest, ResumeAfterAnEmergencyStopKeepsTheHighWaterMark) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  ASSERT_TRUE(store->update_high_water_mark(core::Decimal::from_int(100'000), at(1)));
  ASSERT_TRUE(store->set_setting("account.equity", "95000", at(5)));
  ASSERT_TRUE(request_stop(*store, false, at(10)).ok());
  ASSERT_TRUE(request_resume(*store, at(20)).ok());
  EXPECT_EQ(store->high_water_mark()->value(), core::Decimal::from_int(100'000));
}

TEST(StopRequest, FlagTimeIsLastHeartbeatInSimulationElseWallTime) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  EXPECT_EQ(flag_time(*store, at(500)), at(500));
  ASSERT_TRUE(store->record_heartbeat(at(60)).ok());
  ASSERT_TRUE(store->set_setting("session.mode", "paper", at(0)).ok());
  EXPECT_EQ(flag_time(*store, at(500)), at(500));
  ASSERT_TRUE(store->set_setting("session.mode", "sim", at(0)).ok());
  EXPECT_EQ(flag_time(*store, at(500)), at(60));
}
