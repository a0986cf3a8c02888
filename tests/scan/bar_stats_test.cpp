#include "scan/bar_stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace crew::scan {
namespace {

TEST(BarStats, TrueRangeUsesThePreviousCloseAcrossAGap) {
  const std::vector<double> high{10, 15}, low{9, 14}, close{9.5, 14.5};
  EXPECT_DOUBLE_EQ(true_range(high, low, close, 0), 1.0);
  EXPECT_DOUBLE_EQ(true_range(high, low, close, 1), 5.5);
}

TEST(BarStats, MeanOfWindowCoversTheBarsBeforeEnd) {
  const std::vector<double> values{1, 2, 3, 4, 100};
  EXPECT_DOUBLE_EQ(mean_of_window(values, 4, 2), 3.5);
  EXPECT_TRUE(std::isnan(mean_of_window(values, 1, 2)));
}

TEST(BarStats, MedianOfWindowAveragesTheMiddlePairForEvenCounts) {
  const std::vector<double> values{7, 1, 9, 3, 1000};
  std::vector<double> scratch(4);
  EXPECT_DOUBLE_EQ(median_of_window(values, 4, 4, scratch), 5.0);
  EXPECT_DOUBLE_EQ(median_of_window(values, 3, 3, scratch), 7.0);
  EXPECT_TRUE(std::isnan(median_of_window(values, 5, 6, scratch)));
}

TEST(BarStats, MeanTrueRangeAveragesTheWindow) {
  const std::vector<double> high{10, 11, 12}, low{9, 10, 11}, close{9.5, 10.5, 11.5};
  EXPECT_DOUBLE_EQ(mean_true_range(high, low, close, 3, 2), 1.5);
}

} // namespace
} // namespace crew::scan
