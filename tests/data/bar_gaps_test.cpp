#include "calendar/market_calendar.hpp"
#include "data/bar_gaps.hpp"

#include <gtest/gtest.h>

using crew::core::AssetClass;
using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::BarGap;

namespace {

UtcTime at(const char* text) {
  return *crew::core::parse_rfc3339(text);
}

} // namespace

TEST(BarGaps, FloorsToClockAlignedBuckets) {
  EXPECT_EQ(crew::data::floor_to(at("2024-03-05T13:47:12Z"), Timeframe::hour1),
            at("2024-03-05T13:00:00Z"));
  EXPECT_EQ(crew::data::floor_to(at("2024-03-05T13:47:12Z"), Timeframe::min15),
            at("2024-03-05T13:45:00Z"));
  EXPECT_EQ(crew::data::floor_to(at("2024-03-05T13:47:12Z"), Timeframe::day1),
            at("2024-03-05T00:00:00Z"));
}

TEST(BarGaps, CryptoExpectsEveryGridPoint) {
  const auto times = crew::data::expected_bar_times(
      AssetClass::crypto, Timeframe::hour1, at("2024-01-01T00:30:00Z"), at("2024-01-01T05:00:00Z"));
  ASSERT_EQ(times.size(), 5U);
  EXPECT_EQ(times.front(), at("2024-01-01T01:00:00Z"));
}

TEST(BarGaps, EquityHourlyBarsOverlapTheSession) {
  // Tuesday 2024-03-05, EST: the session is 14:30–21:00 UTC, so hours 14..20 overlap it.
  const auto times =
      crew::data::expected_bar_times(AssetClass::us_equity, Timeframe::hour1,
                                     at("2024-03-05T00:00:00Z"), at("2024-03-05T23:59:00Z"));
  ASSERT_EQ(times.size(), 7U);
  EXPECT_EQ(times.front(), at("2024-03-05T14:00:00Z"));
  EXPECT_EQ(times.back(), at("2024-03-05T20:00:00Z"));
}

TEST(BarGaps, EquityWeekendIsNoGap) {
  // Friday 2024-03-08 20:55 to Monday 2024-03-11 14:30 (EDT from Sunday) are adjacent 5Min bars.
  const std::vector<UtcTime> times = {at("2024-03-08T20:50:00Z"), at("2024-03-08T20:55:00Z"),
                                      at("2024-03-11T13:30:00Z")};
  EXPECT_TRUE(crew::data::find_gaps(times, AssetClass::us_equity, Timeframe::min5).empty());
}

TEST(BarGaps, ReportsMissingRuns) {
  const std::vector<UtcTime> times = {at("2024-01-01T00:00:00Z"), at("2024-01-01T03:00:00Z"),
                                      at("2024-01-01T04:00:00Z"), at("2024-01-01T06:00:00Z")};
  const auto gaps = crew::data::find_gaps(times, AssetClass::crypto, Timeframe::hour1);
  ASSERT_EQ(gaps.size(), 2U);
  EXPECT_EQ(gaps[0], (BarGap{at("2024-01-01T01:00:00Z"), at("2024-01-01T02:00:00Z"), 2}));
  EXPECT_EQ(gaps[1], (BarGap{at("2024-01-01T05:00:00Z"), at("2024-01-01T05:00:00Z"), 1}));
  EXPECT_EQ(crew::data::count_missing(times, AssetClass::crypto, Timeframe::hour1), 3U);
}
