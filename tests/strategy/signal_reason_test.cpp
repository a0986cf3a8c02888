#include "strategy/signal_reason.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace crew::strategy {
namespace {

TEST(SignalReason, PrintsTheShortestRoundTripNumber) {
  EXPECT_EQ(number_text(0.1), "0.1");
  EXPECT_EQ(number_text(61.25), "61.25");
  EXPECT_EQ(number_text(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(number_text(std::numeric_limits<double>::quiet_NaN()), "nan");
}

TEST(SignalReason, NamesTheProfileConditionsOfAnEntry) {
  config::AssetProfile profile;
  profile.atr_periods = 2;
  profile.volume_weight = 0.5;
  ProfileGate gate(profile, 2, 1);
  core::Bar bar;
  bar.high = 11;
  bar.low = 9;
  bar.close = 10;
  bar.volume = 100;
  gate.update(bar);
  gate.update(bar);
  gate.update(bar);
  EXPECT_EQ(entry_conditions(gate), "; volume 100 >= 0.5*sma2(volume) 100; atr2 2");
}

} // namespace
} // namespace crew::strategy
