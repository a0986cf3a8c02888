#include "indicators/bollinger.hpp"
#include "indicators/sma.hpp"
#include "random_series.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::indicators {
namespace {

TEST(Bollinger, UsesThePopulationStandardDeviation) {
  Bollinger bands(4, 2.0);
  bands.update(1);
  bands.update(1);
  EXPECT_TRUE(std::isnan(bands.update(3).middle));
  // 1 1 3 3: mean 2, population variance (1+1+1+1)/4 = 1, sigma 1 -> 2 ± 2
  const auto v = bands.update(3);
  EXPECT_DOUBLE_EQ(v.middle, 2.0);
  EXPECT_DOUBLE_EQ(v.upper, 4.0);
  EXPECT_DOUBLE_EQ(v.lower, 0.0);
  // 1 3 3 5: mean 3, variance (4+0+0+4)/4 = 2, sigma sqrt(2)
  const auto w = bands.update(5);
  EXPECT_DOUBLE_EQ(w.middle, 3.0);
  EXPECT_NEAR(w.upper, 3.0 + 2.0 * std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(w.lower, 3.0 - 2.0 * std::sqrt(2.0), 1e-14);
}

TEST(Bollinger, FlatWindowHasZeroWidthOnceReanchored) {
  // Values 90 (x5) then 101.37: the window is flat from index 24; until the next re-anchor
  // (index 39) σ is a rounding residue, afterwards it is exactly 0.
  Bollinger bands(20, 2.0);
  for (int i = 0; i < 25; ++i) {
    bands.update(i < 5 ? 90.0 : 101.37);
  }
  EXPECT_NEAR(bands.value().upper, 101.37, 1e-6);
  for (int i = 25; i < 40; ++i) {
    bands.update(101.37);
  }
  EXPECT_EQ(bands.value().middle, 101.37);
  EXPECT_EQ(bands.value().upper, 101.37);
  EXPECT_EQ(bands.value().lower, 101.37);
}

TEST(Bollinger, MiddleEqualsTheSmaBitForBit) {
  const auto series = test::random_series(21, 1000);
  Bollinger bands(20, 2.0);
  Sma sma(20);
  for (const double x : series.close) {
    const double middle = bands.update(x).middle;
    const double mean = sma.update(x);
    ASSERT_TRUE(middle == mean || (std::isnan(middle) && std::isnan(mean)));
  }
}

TEST(Bollinger, SigmaMatchesTheTwoPassFormulaOnALongSeries) {
  const auto series = test::random_series(22, 50'000);
  Bollinger bands(20, 1.0);
  double worst = 0;
  for (std::size_t i = 0; i < series.close.size(); ++i) {
    const auto v = bands.update(series.close[i]);
    if (i >= 19) {
      double mean = 0;
      for (std::size_t j = i - 19; j <= i; ++j) {
        mean += series.close[j] / 20;
      }
      double var = 0;
      for (std::size_t j = i - 19; j <= i; ++j) {
        var += (series.close[j] - mean) * (series.close[j] - mean) / 20;
      }
      worst = std::max(worst, std::fabs((v.upper - v.middle) - std::sqrt(var)) / std::sqrt(var));
    }
  }
  EXPECT_LT(worst, 1e-9);
}

} // namespace
} // namespace crew::indicators
