#include "indicators/batch.hpp"
#include "indicators/correlation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace crew::indicators {
namespace {

TEST(Correlation, IsPearsonOfLogReturns) {
  // a: 1 2 2 4 -> returns ln2, 0, ln2; b: 1 1 2 4 -> returns 0, ln2, ln2. Deviations from the
  // means (2/3 ln2): a (1/3, -2/3, 1/3), b (-2/3, 1/3, 1/3) in ln2 units; covariance sum -1/3,
  // variance sums 2/3 each -> r = -1/2.
  Correlation corr(3);
  EXPECT_TRUE(std::isnan(corr.update(1, 1)));
  EXPECT_TRUE(std::isnan(corr.update(2, 1)));
  EXPECT_TRUE(std::isnan(corr.update(2, 2)));
  EXPECT_NEAR(corr.update(4, 4), -0.5, 1e-14);
}

TEST(Correlation, IsOneForProportionalReturnsAndMinusOneForInverse) {
  Correlation same(5);
  Correlation inverse(5);
  const std::vector<double> a{10, 11, 10.5, 12, 11.8, 12.5, 13};
  for (const double x : a) {
    same.update(x, x * x);    // returns doubled
    inverse.update(x, 1 / x); // returns negated
  }
  EXPECT_NEAR(same.value(), 1.0, 1e-12);
  EXPECT_NEAR(inverse.value(), -1.0, 1e-12);
}

TEST(Correlation, IsUndefinedForAFlatSeries) {
  Correlation corr(2);
  for (const double x : {1.0, 2.0, 3.0, 4.0}) {
    corr.update(x, 5.0);
  }
  EXPECT_TRUE(std::isnan(corr.value()));
}

TEST(Correlation, BatchUsesOnlyTimestampsPresentInBothSeries) {
  const auto t = [](int h) { return core::UtcTime::from_seconds(h * 3600); };
  // b lacks hour 2 and a lacks hour 5; the common hours 0 1 3 4 6 carry the example above
  // (a 1 2 2 4, b 1 1 2 4) plus a fifth point.
  const std::vector<core::UtcTime> time_a{t(0), t(1), t(2), t(3), t(4), t(6)};
  const std::vector<double> a{1, 2, 99, 2, 4, 8};
  const std::vector<core::UtcTime> time_b{t(0), t(1), t(3), t(4), t(5), t(6)};
  const std::vector<double> b{1, 1, 2, 4, 77, 8};
  const auto series = correlation(time_a, a, time_b, b, 3);
  ASSERT_EQ(series.time.size(), 5u);
  EXPECT_EQ(series.time[2], t(3));
  EXPECT_NEAR(series.value[3], -0.5, 1e-14);
  Correlation streaming(3);
  for (const auto& [x, y] : {std::pair{1.0, 1.0}, {2.0, 1.0}, {2.0, 2.0}, {4.0, 4.0}, {8.0, 8.0}}) {
    streaming.update(x, y);
  }
  EXPECT_EQ(series.value[4], streaming.value());
  EXPECT_TRUE(std::isnan(correlation_all(time_a, a, time_b, std::vector<double>(6, 3.0))));
  EXPECT_NEAR(correlation_all(time_a, a, time_a, a), 1.0, 1e-12);
}

} // namespace
} // namespace crew::indicators
