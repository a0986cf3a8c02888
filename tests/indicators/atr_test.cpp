#include "indicators/atr.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::indicators {
namespace {

TEST(Atr, SeedsWithTheMeanTrueRangeThenUsesWilderSmoothing) {
  Atr atr(3);
  EXPECT_TRUE(std::isnan(atr.update(10, 8, 9)));   // bar 0: no true range
  EXPECT_TRUE(std::isnan(atr.update(11, 9, 10)));  // TR max(2, |11-9|, |9-9|) = 2
  EXPECT_TRUE(std::isnan(atr.update(12, 10, 11))); // TR max(2, 2, 0) = 2
  // TR max(4, |11-11|, |7-11|) = 4; ATR (2+2+4)/3 = 8/3
  EXPECT_NEAR(atr.update(11, 7, 8), 8.0 / 3.0, 1e-14);
  // gap up: TR max(6, |15-8| = 7, |9-8|) = 7; ATR (8/3*2 + 7)/3 = 37/9
  EXPECT_NEAR(atr.update(15, 9, 14), 37.0 / 9.0, 1e-14);
  EXPECT_TRUE(atr.ready());
  EXPECT_EQ(atr.warmup_length(), 4u);
}

TEST(Atr, TrueRangeCoversGapsBothWays) {
  EXPECT_EQ(Atr::true_range(12, 10, 11), 2.0);
  EXPECT_EQ(Atr::true_range(20, 18, 10), 10.0); // gap up: high - previous close
  EXPECT_EQ(Atr::true_range(8, 6, 10), 4.0);    // gap down: previous close - low
}

} // namespace
} // namespace crew::indicators
