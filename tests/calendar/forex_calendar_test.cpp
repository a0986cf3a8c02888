// The forex week: Sunday 17:00 to Friday 17:00 New York, with a 17:00–18:00 break Monday to
// Thursday; in UTC the boundaries move by an hour with daylight-saving time.
#include "calendar/forex_calendar.hpp"
#include "calendar/market_calendar.hpp"

#include <gtest/gtest.h>

namespace crew::calendar {
namespace {

using namespace std::chrono;

core::UtcTime at(std::string_view text) {
  return core::parse_rfc3339(text).value();
}

TEST(ForexCalendar, IsClosedOverTheWeekend) {
  // Summer: Friday 2026-07-10 17:00 EDT = 21:00Z; Sunday 2026-07-12 17:00 EDT = 21:00Z.
  EXPECT_TRUE(forex_is_open(at("2026-07-10T20:59:59Z")));
  EXPECT_FALSE(forex_is_open(at("2026-07-10T21:00:00Z")));
  EXPECT_FALSE(forex_is_open(at("2026-07-11T12:00:00Z")));
  EXPECT_FALSE(forex_is_open(at("2026-07-12T20:59:59Z")));
  EXPECT_TRUE(forex_is_open(at("2026-07-12T21:00:00Z")));
  // Winter: an hour later in UTC.
  EXPECT_TRUE(forex_is_open(at("2026-12-11T21:59:59Z")));
  EXPECT_FALSE(forex_is_open(at("2026-12-11T22:00:00Z")));
  EXPECT_FALSE(forex_is_open(at("2026-12-13T21:59:59Z")));
  EXPECT_TRUE(forex_is_open(at("2026-12-13T22:00:00Z")));
}

TEST(ForexCalendar, BreaksDailyFromFiveToSixPmMondayToThursday) {
  for (const auto* day : {"2026-07-13", "2026-07-14", "2026-07-15", "2026-07-16"}) {
    const std::string d(day);
    EXPECT_TRUE(forex_is_open(at(d + "T20:59:59Z"))) << d;
    EXPECT_FALSE(forex_is_open(at(d + "T21:00:00Z"))) << d;
    EXPECT_FALSE(forex_is_open(at(d + "T21:59:59Z"))) << d;
    EXPECT_TRUE(forex_is_open(at(d + "T22:00:00Z"))) << d;
  }
  // No break on Sunday evening: open straight through 17:00–18:00 the following hour.
  EXPECT_TRUE(forex_is_open(at("2026-07-12T21:30:00Z")));
}

TEST(ForexCalendar, OpensOnTheDaysOfTheDaylightSavingChanges) {
  EXPECT_FALSE(forex_is_open(at("2026-03-08T20:59:59Z")));
  EXPECT_TRUE(forex_is_open(at("2026-03-08T21:00:00Z")));
  EXPECT_FALSE(forex_is_open(at("2026-11-01T21:59:59Z")));
  EXPECT_TRUE(forex_is_open(at("2026-11-01T22:00:00Z")));
}

TEST(ForexCalendar, NextOpenSkipsTheBreakAndTheWeekend) {
  EXPECT_EQ(forex_next_open(at("2026-07-14T21:15:00Z")), at("2026-07-14T22:00:00Z"));
  EXPECT_EQ(forex_next_open(at("2026-07-10T21:00:00Z")), at("2026-07-12T21:00:00Z"));
  EXPECT_EQ(forex_next_open(at("2026-07-11T03:00:00Z")), at("2026-07-12T21:00:00Z"));
  EXPECT_EQ(forex_next_open(at("2026-07-12T10:00:00Z")), at("2026-07-12T21:00:00Z"));
  EXPECT_EQ(forex_next_open(at("2026-07-14T10:00:00Z")), at("2026-07-14T10:00:00Z"));
  // Across the autumn change: Friday 2026-10-30 closes 21:00Z, Sunday opens 22:00Z.
  EXPECT_EQ(forex_next_open(at("2026-10-30T21:00:00Z")), at("2026-11-01T22:00:00Z"));
}

TEST(ForexCalendar, NextCloseIsTheEndOfTheCurrentOrNextStretch) {
  EXPECT_EQ(forex_next_close(at("2026-07-14T10:00:00Z")), at("2026-07-14T21:00:00Z"));
  EXPECT_EQ(forex_next_close(at("2026-07-14T21:15:00Z")), at("2026-07-15T21:00:00Z"));
  EXPECT_EQ(forex_next_close(at("2026-07-14T23:00:00Z")), at("2026-07-15T21:00:00Z"));
  EXPECT_EQ(forex_next_close(at("2026-07-12T21:00:00Z")), at("2026-07-13T21:00:00Z"));
  EXPECT_EQ(forex_next_close(at("2026-07-11T12:00:00Z")), at("2026-07-13T21:00:00Z"));
  EXPECT_EQ(forex_next_close(at("2026-07-17T20:00:00Z")), at("2026-07-17T21:00:00Z"));
}

TEST(ForexCalendar, ListsFiveStretchesAWeekByTheirOpeningDate) {
  const auto week = forex_sessions(sys_days{2026y / July / 11}, sys_days{2026y / July / 17});
  ASSERT_EQ(week.size(), 5u);
  EXPECT_EQ(week[0].date, sys_days{2026y / July / 12});
  EXPECT_EQ(week[0].open, at("2026-07-12T21:00:00Z"));
  EXPECT_EQ(week[0].close, at("2026-07-13T21:00:00Z"));
  EXPECT_EQ(week[1].open, at("2026-07-13T22:00:00Z"));
  EXPECT_EQ(week[4].date, sys_days{2026y / July / 16});
  EXPECT_EQ(week[4].close, at("2026-07-17T21:00:00Z"));
  for (const auto& stretch : week) {
    EXPECT_FALSE(stretch.early_close);
    EXPECT_TRUE(forex_is_open(stretch.open));
    EXPECT_FALSE(forex_is_open(stretch.close));
  }
}

} // namespace
} // namespace crew::calendar
