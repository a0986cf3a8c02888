#include "indicators/sma.hpp"
#include "random_series.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace crew::indicators {
namespace {

TEST(Sma, AveragesTheLastNValuesFromIndexNMinusOne) {
  Sma sma(3);
  EXPECT_TRUE(std::isnan(sma.update(1)));
  EXPECT_TRUE(std::isnan(sma.update(2)));
  EXPECT_DOUBLE_EQ(sma.update(3), 2.0);  // (1+2+3)/3
  EXPECT_DOUBLE_EQ(sma.update(4), 3.0);  // (2+3+4)/3
  EXPECT_DOUBLE_EQ(sma.update(11), 6.0); // (3+4+11)/3
  EXPECT_DOUBLE_EQ(sma.value(), 6.0);
}

TEST(Sma, PeriodOneIsTheValueItself) {
  Sma sma(1);
  EXPECT_EQ(sma.update(5.5), 5.5);
  EXPECT_EQ(sma.update(-2.25), -2.25);
}

TEST(Sma, FlatSeriesStaysExactlyFlatOverManyWindows) {
  Sma sma(20);
  for (int i = 0; i < 10'000; ++i) {
    sma.update(0.1);
  }
  EXPECT_EQ(sma.value(), 0.1);
}

TEST(Sma, DoesNotDriftFromTheDirectMeanOverALongSeries) {
  const auto series = test::random_series(8, 200'000);
  Sma sma(50);
  double worst = 0;
  for (std::size_t i = 0; i < series.close.size(); ++i) {
    sma.update(series.close[i]);
    if (i >= 49) {
      double sum = 0;
      for (std::size_t j = i - 49; j <= i; ++j) {
        sum += series.close[j];
      }
      worst = std::max(worst, std::fabs(sma.value() - sum / 50) / (sum / 50));
    }
  }
  EXPECT_LT(worst, 1e-14);
}

TEST(Sma, RejectsAZeroPeriod) {
  EXPECT_THROW(Sma(0), std::invalid_argument);
}

} // namespace
} // namespace crew::indicators
