// Every NYSE day of 2000–2035 against holidays, early closes and daylight-saving offsets that
// this file derives again from the written rules (design.md section 3) in its own way, without
// calling the module's rule code; plus dates checked by hand against NYSE announcements.
#include "calendar/market_calendar.hpp"
#include "calendar/nyse_calendar.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace crew::calendar {
namespace {

using namespace std::chrono;

// The day in [first_day, first_day + 6] of month `m` that falls on `wd`.
sys_days weekday_in_week(int y, unsigned m, unsigned first_day, weekday wd) {
  for (unsigned d = first_day; d < first_day + 7; ++d) {
    const sys_days date{year{y} / month{m} / day{d}};
    if (weekday{date} == wd) {
      return date;
    }
  }
  return {};
}

// Easter by the Carter algorithm (valid 1900–2099), a different computus from the module's.
sys_days carter_easter(int y) {
  int d = 225 - 11 * (y % 19);
  while (d > 50) {
    d -= 30;
  }
  if (d > 48) {
    d -= 1;
  }
  const int e = (y + y / 4 + d + 1) % 7;
  const int q = d + 7 - e;
  return q < 32 ? sys_days{year{y} / March / day{static_cast<unsigned>(q)}}
                : sys_days{year{y} / April / day{static_cast<unsigned>(q - 31)}};
}

sys_days shifted_off_weekend(sys_days day) {
  if (weekday{day} == Saturday) {
    return day - days{1};
  }
  return weekday{day} == Sunday ? day + days{1} : day;
}

bool is_monday_to_thursday(sys_days day) {
  const auto wd = weekday{day}.c_encoding();
  return wd >= 1 && wd <= 4;
}

struct ExpectedYear {
  std::set<sys_days> closed;
  std::set<sys_days> early;
};

ExpectedYear expected_year(int y) {
  ExpectedYear out;
  const sys_days new_year{year{y} / January / 1};
  if (weekday{new_year} == Sunday) {
    out.closed.insert(new_year + days{1});
  } else if (weekday{new_year} != Saturday) {
    out.closed.insert(new_year);
  }
  out.closed.insert(weekday_in_week(y, 1, 15, Monday)); // MLK, from 1998
  out.closed.insert(weekday_in_week(y, 2, 15, Monday)); // Washington's Birthday
  out.closed.insert(carter_easter(y) - days{2});        // Good Friday
  out.closed.insert(weekday_in_week(y, 5, 25, Monday)); // Memorial Day
  if (y >= 2022) {
    out.closed.insert(shifted_off_weekend(sys_days{year{y} / June / 19}));
  }
  out.closed.insert(shifted_off_weekend(sys_days{year{y} / July / 4}));
  out.closed.insert(weekday_in_week(y, 9, 1, Monday));            // Labor Day
  const auto thanksgiving = weekday_in_week(y, 11, 22, Thursday); // 4th Thursday
  out.closed.insert(thanksgiving);
  out.closed.insert(shifted_off_weekend(sys_days{year{y} / December / 25}));
  for (const auto& special :
       {2001y / September / 11, 2001y / September / 12, 2001y / September / 13,
        2001y / September / 14, 2004y / June / 11, 2007y / January / 2, 2012y / October / 29,
        2012y / October / 30, 2018y / December / 5, 2025y / January / 9}) {
    if (special.year() == year{y}) {
      out.closed.insert(sys_days{special});
    }
  }
  const sys_days july_3{year{y} / July / 3};
  const sys_days december_24{year{y} / December / 24};
  if (is_monday_to_thursday(july_3)) {
    out.early.insert(july_3);
  }
  out.early.insert(thanksgiving + days{1});
  if (is_monday_to_thursday(december_24)) {
    out.early.insert(december_24);
  }
  return out;
}

// US daylight-saving time as legislated: 2nd Sunday of March to 1st Sunday of November from
// 2007, 1st Sunday of April to last Sunday of October before.
bool in_daylight_saving(sys_days day) {
  const int y = static_cast<int>(year_month_day{day}.year());
  const auto start =
      y >= 2007 ? weekday_in_week(y, 3, 8, Sunday) : weekday_in_week(y, 4, 1, Sunday);
  const auto end =
      y >= 2007 ? weekday_in_week(y, 11, 1, Sunday) : weekday_in_week(y, 10, 25, Sunday);
  return day >= start && day < end;
}

core::UtcTime utc(sys_days day, int hour, int minute) {
  return core::UtcTime::from_sys(day) + hours{hour} + minutes{minute};
}

TEST(NyseCalendar, MatchesTheWrittenRulesOnEveryDayFrom2000To2035) {
  int sessions = 0;
  int closures = 0;
  int early_closes = 0;
  for (int y = 2000; y <= 2035; ++y) {
    const auto expected = expected_year(y);
    for (sys_days day{year{y} / January / 1}; day <= sys_days{year{y} / December / 31};
         day += days{1}) {
      const auto session = nyse_session_on(day);
      const bool weekend = weekday{day} == Saturday || weekday{day} == Sunday;
      if (weekend || expected.closed.contains(day)) {
        EXPECT_FALSE(session) << core::format_date(day) << " should be closed";
        closures += weekend ? 0 : 1;
        continue;
      }
      ASSERT_TRUE(session) << core::format_date(day) << " should trade";
      ++sessions;
      const int utc_hour = in_daylight_saving(day) ? 13 : 14;
      const bool early = expected.early.contains(day);
      early_closes += early ? 1 : 0;
      EXPECT_EQ(session->date, day);
      EXPECT_EQ(session->open, utc(day, utc_hour, 30)) << core::format_date(day);
      // 16:00 (13:00 on early-close days) New York: 6 h 30 (3 h 30) after the open.
      EXPECT_EQ(session->close, utc(day, utc_hour + (early ? 4 : 7), 0)) << core::format_date(day);
      EXPECT_EQ(session->early_close, early) << core::format_date(day);
    }
  }
  // 36 years: 9–10 weekday holidays a year plus the ten special closures.
  EXPECT_GT(closures, 36 * 8);
  EXPECT_LT(closures, 36 * 10 + 11);
  EXPECT_GT(early_closes, 36 * 2);
  EXPECT_GT(sessions, 36 * 250);
}

TEST(NyseCalendar, EasterMatchesKnownDates) {
  for (const auto& easter :
       {2000y / April / 23, 2008y / March / 23, 2011y / April / 24, 2019y / April / 21,
        2024y / March / 31, 2025y / April / 20, 2026y / April / 5, 2035y / March / 25}) {
    EXPECT_EQ(easter_sunday(static_cast<int>(easter.year())), sys_days{easter});
  }
  for (int y = 1900; y <= 2099; ++y) {
    EXPECT_EQ(easter_sunday(y), carter_easter(y)) << y;
  }
}

struct HandChecked {
  year_month_day date;
  bool open;
  bool early;
};

TEST(NyseCalendar, AgreesWithHandCheckedDates) {
  const HandChecked cases[] = {
      {2025y / January / 9, false, false},    {2024y / July / 3, true, true},
      {2026y / July / 3, false, false},       {2021y / December / 24, false, false},
      {2021y / December / 31, true, false},   {2012y / October / 29, false, false},
      {2012y / October / 30, false, false},   {2001y / September / 11, false, false},
      {2001y / September / 12, false, false}, {2001y / September / 13, false, false},
      {2001y / September / 14, false, false}, {2001y / September / 17, true, false},
      {2004y / June / 11, false, false},      {2007y / January / 2, false, false},
      {2018y / December / 5, false, false},   {2022y / December / 30, true, false},
      {2023y / January / 2, false, false},    {2017y / January / 2, false, false},
      {2010y / December / 31, true, false},   {2021y / June / 18, true, false},
      {2022y / June / 20, false, false},      {2023y / June / 19, false, false},
      {2027y / June / 18, false, false},      {2026y / November / 27, true, true},
      {2026y / December / 24, true, true},    {2026y / November / 26, false, false},
      {2025y / July / 3, true, true},         {2020y / July / 3, false, false},
      {2015y / July / 3, false, false},       {2026y / April / 3, false, false},
      {1997y / January / 20, true, false},    {1998y / January / 19, false, false},
  };
  for (const auto& c : cases) {
    const auto session = nyse_session_on(sys_days{c.date});
    EXPECT_EQ(session.has_value(), c.open) << core::format_date(sys_days{c.date});
    if (session) {
      EXPECT_EQ(session->early_close, c.early) << core::format_date(sys_days{c.date});
    }
  }
}

TEST(NyseCalendar, TwentyTwentyFourJulyThirdClosesAtOnePmNewYork) {
  const auto session = nyse_session_on(sys_days{2024y / July / 3});
  ASSERT_TRUE(session);
  EXPECT_EQ(session->close, utc(sys_days{2024y / July / 3}, 17, 0));
  EXPECT_EQ(format_new_york(session->close), "13:00 -04:00");
}

TEST(NyseCalendar, NamesTheReasonForEachClosure) {
  EXPECT_EQ(nyse_closure_reason(sys_days{2026y / November / 26}), "Thanksgiving");
  EXPECT_EQ(nyse_closure_reason(sys_days{2026y / July / 3}), "Independence Day");
  EXPECT_EQ(nyse_closure_reason(sys_days{2021y / December / 24}), "Christmas");
  EXPECT_EQ(nyse_closure_reason(sys_days{2025y / January / 9}),
            "national day of mourning for Jimmy Carter");
  EXPECT_EQ(nyse_closure_reason(sys_days{2012y / October / 29}), "Hurricane Sandy");
  EXPECT_EQ(nyse_closure_reason(sys_days{2026y / November / 28}), "weekend");
  EXPECT_EQ(nyse_closure_reason(sys_days{2026y / November / 27}), std::nullopt);
}

TEST(NyseCalendar, ClassifiesDaysOfAnyYearByTheSameRules) {
  EXPECT_EQ(classify_nyse_day(sys_days{2100y / December / 24}).kind, NyseDayKind::holiday);
  EXPECT_EQ(classify_nyse_day(sys_days{2100y / November / 26}).kind, NyseDayKind::early_close);
  EXPECT_EQ(classify_nyse_day(sys_days{2300y / July / 4}).kind, NyseDayKind::holiday);
  EXPECT_EQ(classify_nyse_day(sys_days{1990y / January / 15}).kind, NyseDayKind::regular);
}

} // namespace
} // namespace crew::calendar
