#include "strategy/profile_gate.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::strategy {
namespace {

core::Bar bar_with(double close, double volume) {
  core::Bar bar;
  bar.open = close;
  bar.high = close + 1;
  bar.low = close - 1;
  bar.close = close;
  bar.volume = volume;
  return bar;
}

TEST(ProfileGate, WarmupIsTheLargestOfProfileIndicatorsVolumeAndAtr) {
  config::AssetProfile profile;
  profile.min_bars_required = 5;
  profile.atr_periods = 14;
  EXPECT_EQ(ProfileGate(profile, 20, 10).warmup_bars(), 20u); // volume SMA20
  EXPECT_EQ(ProfileGate(profile, 3, 10).warmup_bars(), 15u);  // ATR14 defined at index 14
  profile.min_bars_required = 100;
  EXPECT_EQ(ProfileGate(profile, 20, 50).warmup_bars(), 100u);
}

TEST(ProfileGate, VolumeConditionComparesWithTheWeightedAverageIncludingTheBar) {
  config::AssetProfile profile;
  profile.min_bars_required = 0;
  profile.volume_weight = 1.0;
  profile.atr_periods = 1;
  ProfileGate gate(profile, 2, 1);
  gate.update(bar_with(10, 100));
  EXPECT_FALSE(gate.volume_ok()); // SMA2(volume) undefined
  gate.update(bar_with(10, 100));
  EXPECT_TRUE(gate.volume_ok()); // 100 >= 100
  gate.update(bar_with(10, 99));
  EXPECT_FALSE(gate.volume_ok()); // 99 < 99.5
  EXPECT_TRUE(gate.signals_allowed());
  EXPECT_EQ(gate.atr(), 2.0);
}

TEST(ProfileGate, ResetForgetsEverything) {
  config::AssetProfile profile;
  profile.atr_periods = 1;
  ProfileGate gate(profile, 1, 1);
  gate.update(bar_with(10, 5));
  gate.update(bar_with(11, 5));
  gate.reset();
  EXPECT_EQ(gate.bars_seen(), 0u);
  EXPECT_TRUE(std::isnan(gate.atr()));
  EXPECT_TRUE(std::isnan(gate.volume_sma()));
}

} // namespace
} // namespace crew::strategy
