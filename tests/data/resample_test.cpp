#include "data/csv_io.hpp"
#include "data/resample.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

using crew::core::Bar;
using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::BarSeries;
using crew::data::resample;

namespace {

UtcTime at(const char* text) {
  return *crew::core::parse_rfc3339(text);
}

// 5Min bars from `first`, each opening at the previous close plus 0.5.
BarSeries five_minute_bars(const char* symbol, const char* first, int count) {
  BarSeries bars(*crew::core::classify_symbol(symbol), Timeframe::min5);
  for (int i = 0; i < count; ++i) {
    const double p = 100 + 0.5 * i;
    bars.push_back(
        Bar{at(first) + std::chrono::minutes{5 * i}, p, p + 1, p - 1, p + 0.25, 10, 2, p});
  }
  return bars;
}

} // namespace

TEST(Resample, AggregatesCryptoIntoClockAlignedHours) {
  const auto fine = five_minute_bars("BTC/USD", "2024-01-01T00:30:00Z", 12);
  const auto hourly = resample(fine, Timeframe::hour1);
  ASSERT_TRUE(hourly.ok());
  ASSERT_EQ(hourly->size(), 2U);
  const Bar first = hourly->at(0);
  EXPECT_EQ(first.time, at("2024-01-01T00:00:00Z"));
  EXPECT_EQ(first.open, 100.0);
  EXPECT_EQ(first.close, 102.75);
  EXPECT_EQ(first.high, 103.5);
  EXPECT_EQ(first.low, 99.0);
  EXPECT_EQ(first.volume, 60.0);
  EXPECT_EQ(first.trade_count, 12.0);
  EXPECT_DOUBLE_EQ(first.vwap, 101.25);
  EXPECT_EQ(hourly->at(1).time, at("2024-01-01T01:00:00Z"));
}

TEST(Resample, EquityHourDropsPreMarketBars) {
  // 2024-03-05 (EST): 14:00–14:25 UTC is 09:00–09:25 New York, before the 09:30 open.
  const auto fine = five_minute_bars("AAPL", "2024-03-05T14:00:00Z", 12);
  const auto hourly = resample(fine, Timeframe::hour1);
  ASSERT_TRUE(hourly.ok());
  ASSERT_EQ(hourly->size(), 1U);
  EXPECT_EQ(hourly->at(0).time, at("2024-03-05T14:00:00Z"));
  EXPECT_EQ(hourly->at(0).open, 103.0); // the 14:30 bar
  EXPECT_EQ(hourly->at(0).volume, 60.0);
}

TEST(Resample, EquityFiveMinuteKeepsExtendedHours) {
  const auto fine = five_minute_bars("AAPL", "2024-03-05T14:00:00Z", 12);
  EXPECT_EQ(resample(fine, Timeframe::min5)->size(), 12U);
}

TEST(Resample, RefusesFinerTarget) {
  const auto fine = five_minute_bars("BTC/USD", "2024-01-01T00:00:00Z", 2);
  EXPECT_FALSE(resample(fine, Timeframe::min1).ok());
}

TEST(Resample, RealApple5MinMatchesHourlyFileExactly) {
  CREW_REQUIRE_DATA(five, "us_equity/5m/AAPL.csv");
  CREW_REQUIRE_DATA(hour, "us_equity/1h/AAPL.csv");
  const auto aapl = *crew::core::classify_symbol("AAPL");
  const auto fine = crew::data::read_bars_csv(five, aapl, Timeframe::min5);
  const auto expected = crew::data::read_bars_csv(hour, aapl, Timeframe::hour1);
  ASSERT_TRUE(fine.ok() && expected.ok());
  const auto built = resample(*fine, Timeframe::hour1);
  ASSERT_TRUE(built.ok());
  ASSERT_EQ(built->size(), expected->size());
  for (std::size_t i = 0; i < built->size(); ++i) {
    ASSERT_EQ(built->at(i), expected->at(i))
        << "bar " << i << " at " << crew::core::format_rfc3339(built->time()[i]);
  }
}
