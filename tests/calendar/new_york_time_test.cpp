// New York wall time from the OS tz database, around the 2026 daylight-saving changes
// (Sunday 2026-03-08 02:00 → 03:00, Sunday 2026-11-01 02:00 → 01:00).
#include "calendar/market_calendar.hpp"
#include "calendar/new_york_time.hpp"

#include <gtest/gtest.h>

namespace crew::calendar {
namespace {

using namespace std::chrono;

core::UtcTime at(std::string_view text) {
  return core::parse_rfc3339(text).value();
}

TEST(NewYorkTime, ConvertsWallTimeToUtcInWinterAndSummer) {
  EXPECT_EQ(new_york_time(sys_days{2026y / January / 5}, hours{9} + minutes{30}),
            at("2026-01-05T14:30:00Z"));
  EXPECT_EQ(new_york_time(sys_days{2026y / July / 6}, hours{9} + minutes{30}),
            at("2026-07-06T13:30:00Z"));
}

TEST(NewYorkTime, FollowsTheSpringChange) {
  const sys_days day{2026y / March / 8};
  EXPECT_EQ(new_york_time(day, hours{1} + minutes{59}), at("2026-03-08T06:59:00Z"));
  EXPECT_EQ(new_york_time(day, hours{3}), at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(new_york_time(day, hours{17}), at("2026-03-08T21:00:00Z"));
  // 02:30 does not exist that night; it resolves to the instant of the change.
  EXPECT_EQ(new_york_time(day, hours{2} + minutes{30}), at("2026-03-08T07:00:00Z"));
  EXPECT_EQ(new_york_offset(at("2026-03-08T06:59:59Z")), hours{-5});
  EXPECT_EQ(new_york_offset(at("2026-03-08T07:00:00Z")), hours{-4});
}

TEST(NewYorkTime, FollowsTheAutumnChange) {
  const sys_days day{2026y / November / 1};
  // 01:30 happens twice; the first occurrence (still daylight time) is chosen.
  EXPECT_EQ(new_york_time(day, hours{1} + minutes{30}), at("2026-11-01T05:30:00Z"));
  EXPECT_EQ(new_york_time(day, hours{2}), at("2026-11-01T07:00:00Z"));
  EXPECT_EQ(new_york_time(day, hours{17}), at("2026-11-01T22:00:00Z"));
  EXPECT_EQ(new_york_offset(at("2026-11-01T05:59:59Z")), hours{-4});
  EXPECT_EQ(new_york_offset(at("2026-11-01T06:00:00Z")), hours{-5});
}

TEST(NewYorkTime, GivesTheNewYorkDateOfAnInstant) {
  EXPECT_EQ(new_york_date(at("2026-07-04T03:59:59Z")), sys_days{2026y / July / 3});
  EXPECT_EQ(new_york_date(at("2026-07-04T04:00:00Z")), sys_days{2026y / July / 4});
  EXPECT_EQ(new_york_date(at("2026-01-01T04:59:59Z")), sys_days{2025y / December / 31});
  EXPECT_EQ(new_york_date(at("2026-01-01T05:00:00Z")), sys_days{2026y / January / 1});
}

TEST(NewYorkTime, AnswersRepeatedAndAlternatingQueriesConsistently) {
  // The per-thread interval cache must not leak one interval's offset into another.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(new_york_offset(at("2026-07-01T12:00:00Z")), hours{-4});
    EXPECT_EQ(new_york_offset(at("2026-12-01T12:00:00Z")), hours{-5});
    EXPECT_EQ(new_york_offset(at("1999-12-31T12:00:00Z")), hours{-5});
  }
}

TEST(NewYorkTime, FormatsWallTimeWithItsOffset) {
  EXPECT_EQ(format_new_york(at("2026-07-03T15:00:00Z")), "11:00 -04:00");
  EXPECT_EQ(format_new_york(at("2026-11-23T14:30:00Z")), "09:30 -05:00");
  EXPECT_EQ(format_new_york_rfc3339(at("2026-07-03T15:00:00Z")), "2026-07-03T11:00:00-04:00");
  EXPECT_EQ(format_new_york_rfc3339(at("2026-01-01T04:30:05Z")), "2025-12-31T23:30:05-05:00");
}

TEST(NewYorkTime, WallClockAddsTheOffsetToUtc) {
  EXPECT_EQ(new_york_wall_clock(at("2026-07-03T15:00:00Z")),
            sys_days{2026y / July / 3} + hours{11});
}

} // namespace
} // namespace crew::calendar
