#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;
using sample::dec;

namespace {

StateStore open_store(const crew::test::TempDir& dir) {
  auto store = StateStore::open(dir / "state.db");
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(*store);
}

} // namespace

TEST(StateStoreSettings, HaltSurvivesReopeningUntilCleared) {
  crew::test::TempDir dir;
  {
    auto store = open_store(dir);
    EXPECT_FALSE(store.halt_state()->halted);
    ASSERT_TRUE(store.set_halted("drawdown 10.4% from high-water mark", at(0)).ok());
  }
  auto store = open_store(dir);
  const HaltState halt = *store.halt_state();
  EXPECT_TRUE(halt.halted);
  EXPECT_EQ(halt.reason, "drawdown 10.4% from high-water mark");
  EXPECT_EQ(halt.since, at(0));
  ASSERT_TRUE(store.clear_halt(at(60)).ok());
  EXPECT_EQ(*store.halt_state(), HaltState{});
}

TEST(StateStoreSettings, HighWaterMarkOnlyRises) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  EXPECT_FALSE(store.high_water_mark()->has_value());
  EXPECT_EQ(*store.update_high_water_mark(dec("100000"), at(0)), dec("100000"));
  EXPECT_EQ(*store.update_high_water_mark(dec("99000.5"), at(1)), dec("100000"));
  EXPECT_EQ(*store.update_high_water_mark(dec("101000.25"), at(2)), dec("101000.25"));
  EXPECT_EQ(**store.high_water_mark(), dec("101000.25"));
}

TEST(StateStoreSettings, DailyStartEquityIsFirstValueOfEachMarketDay) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  const auto day = at(0).day();
  EXPECT_EQ(*store.ensure_daily_start_equity(core::AssetClass::crypto, day, dec("5000"), at(0)),
            dec("5000"));
  EXPECT_EQ(*store.ensure_daily_start_equity(core::AssetClass::crypto, day, dec("4000"), at(9)),
            dec("5000"));
  EXPECT_FALSE(store.daily_start_equity(core::AssetClass::us_equity, day)->has_value());
  EXPECT_FALSE(
      store.daily_start_equity(core::AssetClass::crypto, day + std::chrono::days{1})->has_value());
}

TEST(StateStoreSettings, MaxOpenPositionsSeenOnlyRises) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  EXPECT_EQ(*store.max_open_positions_seen(), 0);
  ASSERT_TRUE(store.note_open_positions(2, at(0)).ok());
  ASSERT_TRUE(store.note_open_positions(1, at(1)).ok());
  EXPECT_EQ(*store.max_open_positions_seen(), 2);
}

TEST(StateStoreSettings, PlainSettingsRoundTrip) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  EXPECT_FALSE(store.setting("k")->has_value());
  ASSERT_TRUE(store.set_setting("k", "v1", at(0)).ok());
  ASSERT_TRUE(store.set_setting("k", "v2", at(1)).ok());
  EXPECT_EQ(**store.setting("k"), "v2");
}
