#include "indicators/rsi.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::indicators {
namespace {

TEST(Rsi, SeedsWithPlainMeansThenUsesWilderSmoothing) {
  Rsi rsi(3);
  // closes 10 11 12 11 13 13: d = +1 +1 -1 +2 0
  EXPECT_TRUE(std::isnan(rsi.update(10)));
  EXPECT_TRUE(std::isnan(rsi.update(11)));
  EXPECT_TRUE(std::isnan(rsi.update(12)));
  // index 3: avgGain (1+1+0)/3 = 2/3, avgLoss (0+0+1)/3 = 1/3, RS 2, RSI 100 - 100/3
  EXPECT_NEAR(rsi.update(11), 100.0 - 100.0 / 3.0, 1e-12);
  EXPECT_NEAR(rsi.average_gain(), 2.0 / 3.0, 1e-15);
  // index 4: avgGain (2/3*2 + 2)/3 = 10/9, avgLoss (1/3*2 + 0)/3 = 2/9, RS 5, RSI 100 - 100/6
  EXPECT_NEAR(rsi.update(13), 100.0 - 100.0 / 6.0, 1e-12);
  // index 5: avgGain 20/27, avgLoss 4/27, RS still 5
  EXPECT_NEAR(rsi.update(13), 100.0 - 100.0 / 6.0, 1e-12);
  EXPECT_NEAR(rsi.average_loss(), 4.0 / 27.0, 1e-15);
}

TEST(Rsi, IsOneHundredWithGainsAndNoLosses) {
  Rsi rsi(3);
  for (const double x : {1.0, 2.0, 3.0, 4.0, 4.0, 5.0}) {
    rsi.update(x);
  }
  EXPECT_EQ(rsi.value(), 100.0);
}

TEST(Rsi, IsFiftyWithNoMovementAtAll) {
  Rsi rsi(3);
  for (int i = 0; i < 6; ++i) {
    rsi.update(7.25);
  }
  EXPECT_EQ(rsi.value(), 50.0);
}

TEST(Rsi, IsZeroWithLossesAndNoGains) {
  Rsi rsi(2);
  for (const double x : {5.0, 4.0, 3.0, 3.0}) {
    rsi.update(x);
  }
  EXPECT_EQ(rsi.value(), 0.0);
}

TEST(Rsi, FirstDefinedAtIndexN) {
  Rsi rsi(14);
  for (int i = 0; i < 14; ++i) {
    EXPECT_TRUE(std::isnan(rsi.update(100.0 + i % 3)));
  }
  EXPECT_FALSE(std::isnan(rsi.update(101)));
  EXPECT_EQ(rsi.warmup_length(), 15u);
}

} // namespace
} // namespace crew::indicators
