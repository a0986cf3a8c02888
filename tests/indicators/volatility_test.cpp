#include "indicators/volatility.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::indicators {
namespace {

TEST(Volatility, IsTheSampleStandardDeviationOfLogReturns) {
  Volatility vol(2);
  // prices 1 2 4 2: log returns ln2, ln2, -ln2
  EXPECT_TRUE(std::isnan(vol.update(1)));
  EXPECT_TRUE(std::isnan(vol.update(2)));
  EXPECT_EQ(vol.update(4), 0.0); // {ln2, ln2}: no dispersion
  // {ln2, -ln2}: mean 0, sample variance (ln2^2 + ln2^2)/(2-1) -> sigma sqrt(2)*ln2
  EXPECT_NEAR(vol.update(2), std::sqrt(2.0) * std::log(2.0), 1e-15);
  EXPECT_EQ(vol.warmup_length(), 3u);
}

TEST(Volatility, RejectsPeriodsBelowTwo) {
  EXPECT_THROW(Volatility(1), std::invalid_argument);
}

} // namespace
} // namespace crew::indicators
