#include "indicators/batch.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace crew::indicators {
namespace {

TEST(Batch, ReturnsOneOutputPerInputWithNanWhereUndefined) {
  const std::vector<double> x{1, 2, 3, 4};
  const auto out = sma(x, 3);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_TRUE(std::isnan(out[0]));
  EXPECT_TRUE(std::isnan(out[1]));
  EXPECT_EQ(out[2], 2.0);
  EXPECT_EQ(out[3], 3.0);
}

TEST(Batch, HandlesEmptyInput) {
  const std::vector<double> none;
  EXPECT_TRUE(ema(none, 5).empty());
  EXPECT_TRUE(bollinger(none).middle.empty());
  EXPECT_TRUE(macd(none).signal.empty());
}

TEST(Batch, AtrRejectsColumnsOfDifferentLengths) {
  const std::vector<double> a{1, 2, 3};
  const std::vector<double> b{1, 2};
  EXPECT_THROW(atr(a, b, a, 2), std::invalid_argument);
}

} // namespace
} // namespace crew::indicators
