#include "data/bar_series.hpp"

#include <gtest/gtest.h>

using crew::core::Bar;
using crew::core::UtcTime;
using crew::data::BarSeries;

namespace {

BarSeries three_bars() {
  BarSeries bars(*crew::core::classify_symbol("BTC/USD"), crew::core::Timeframe::hour1);
  for (int i = 0; i < 3; ++i) {
    const double p = 100.0 + i;
    bars.push_back(Bar{UtcTime::from_seconds(3600 * i), p, p + 1, p - 1, p + 0.5, 10.0 * i, 0, 0});
  }
  return bars;
}

} // namespace

TEST(BarSeries, StoresBarsInColumnsAndReadsThemBack) {
  const auto bars = three_bars();
  ASSERT_EQ(bars.size(), 3U);
  EXPECT_EQ(bars.close()[1], 101.5);
  EXPECT_EQ(bars.at(2).high, 103.0);
  EXPECT_EQ(bars.at(2).time, UtcTime::from_seconds(7200));
  EXPECT_EQ(bars.symbol().str(), "BTC/USD");
}

TEST(BarSeries, LowerBoundFindsFirstBarAtOrAfter) {
  const auto bars = three_bars();
  EXPECT_EQ(bars.lower_bound(UtcTime::from_seconds(0)), 0U);
  EXPECT_EQ(bars.lower_bound(UtcTime::from_seconds(1)), 1U);
  EXPECT_EQ(bars.lower_bound(UtcTime::from_seconds(99999)), 3U);
}

TEST(BarSeries, SliceKeepsHalfOpenRange) {
  const auto bars = three_bars();
  const auto middle = bars.slice(UtcTime::from_seconds(3600), UtcTime::from_seconds(7200));
  ASSERT_EQ(middle.size(), 1U);
  EXPECT_EQ(middle.at(0), bars.at(1));
  EXPECT_TRUE(bars.slice(UtcTime::from_seconds(7200), UtcTime::from_seconds(0)).empty());
}

TEST(BarSeries, ClearEmptiesEveryColumn) {
  auto bars = three_bars();
  bars.clear();
  EXPECT_TRUE(bars.empty());
  EXPECT_TRUE(bars.volume().empty());
}
