#include "indicators/ema.hpp"
#include "indicators/sma.hpp"
#include "random_series.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::indicators {
namespace {

TEST(Ema, SeedsWithTheSmaOfTheFirstNValuesThenSmooths) {
  Ema ema(3); // alpha = 2/(3+1) = 0.5
  EXPECT_TRUE(std::isnan(ema.update(2)));
  EXPECT_TRUE(std::isnan(ema.update(4)));
  EXPECT_EQ(ema.update(6), 4.0);  // seed (2+4+6)/3
  EXPECT_EQ(ema.update(8), 6.0);  // 0.5*8 + 0.5*4
  EXPECT_EQ(ema.update(12), 9.0); // 0.5*12 + 0.5*6
  EXPECT_EQ(ema.alpha(), 0.5);
}

TEST(Ema, AlphaIsTwoOverNPlusOne) {
  Ema ema(12);
  EXPECT_DOUBLE_EQ(ema.alpha(), 2.0 / 13.0);
}

TEST(Ema, SeedEqualsTheSmaAtIndexNMinusOneBitForBit) {
  const auto series = test::random_series(4, 26);
  Ema ema(26);
  Sma sma(26);
  for (const double x : series.close) {
    ema.update(x);
    sma.update(x);
  }
  EXPECT_EQ(ema.value(), sma.value());
}

} // namespace
} // namespace crew::indicators
