// NYSE trading days by rule (design.md section 3), checked 2000–2035 against the holidays
// generated independently in tests/calendar and, for 2015–2030, against the published session
// list in shared/data/reference/nyse_sessions.csv.
//
// The rules, all on New York dates:
// - Weekends never trade. Regular session 09:30–16:00; early-close days end at 13:00.
// - Fixed-date holidays move off weekends: Independence Day (July 4), Christmas (December 25)
//   and Juneteenth (June 19, only from 2022) move Saturday → Friday and Sunday → Monday.
// - New Year's Day moves Sunday → Monday but is NOT observed when it falls on Saturday: moving
//   it to Friday December 31 would close the last trading day of the year, which the NYSE
//   refuses (2010-12-31 and 2021-12-31 traded). So no holiday ever crosses a year boundary.
// - Monday holidays: Martin Luther King Jr. Day (3rd Monday of January, from 1998),
//   Washington's Birthday (3rd Monday of February), Memorial Day (last Monday of May), Labor Day
//   (1st Monday of September). Thanksgiving is the 4th Thursday of November.
// - Good Friday: two days before Gregorian Easter (anonymous Meeus/Jones/Butcher computus).
// - Early closes at 13:00: July 3 when it is Monday–Thursday (on a Friday it is the observed
//   Independence Day), the Friday after Thanksgiving, December 24 when it is Monday–Thursday
//   (on a Friday it is the observed Christmas).
// - Special closures decided case by case: 2001-09-11..14 (September 11 attacks), 2004-06-11
//   (Reagan), 2007-01-02 (Ford), 2012-10-29/30 (Hurricane Sandy), 2018-12-05 (G. H. W. Bush),
//   2025-01-09 (Carter). Future ones cannot be predicted; they join this list when announced.
// Outside 2000–2035 the same rules still answer; history before 2000 had other exceptions that
// are deliberately not modelled.
#include "calendar/nyse_calendar.hpp"

#include <array>

namespace crew::calendar {
namespace {

using namespace std::chrono;

struct SpecialClosure {
  year_month_day date;
  std::string_view reason;
};

constexpr std::array k_special_closures{
    SpecialClosure{2001y / September / 11, "September 11 attacks"},
    SpecialClosure{2001y / September / 12, "September 11 attacks"},
    SpecialClosure{2001y / September / 13, "September 11 attacks"},
    SpecialClosure{2001y / September / 14, "September 11 attacks"},
    SpecialClosure{2004y / June / 11, "national day of mourning for Ronald Reagan"},
    SpecialClosure{2007y / January / 2, "national day of mourning for Gerald Ford"},
    SpecialClosure{2012y / October / 29, "Hurricane Sandy"},
    SpecialClosure{2012y / October / 30, "Hurricane Sandy"},
    SpecialClosure{2018y / December / 5, "national day of mourning for George H. W. Bush"},
    SpecialClosure{2025y / January / 9, "national day of mourning for Jimmy Carter"},
};

// Saturday → Friday, Sunday → Monday.
sys_days observed_nearest_weekday(sys_days day) {
  const weekday wd{day};
  if (wd == Saturday) {
    return day - days{1};
  }
  if (wd == Sunday) {
    return day + days{1};
  }
  return day;
}

sys_days nth_weekday(year y, month m, weekday wd, unsigned n) {
  return sys_days{year_month_weekday{y, m, wd[n]}};
}

sys_days last_weekday(year y, month m, weekday wd) {
  return sys_days{year_month_weekday_last{y, m, weekday_last{wd}}};
}

struct Holiday {
  sys_days date;
  std::string_view name;
};

// The observed full-day holidays of `y`; at most 10, unused slots stay at the epoch.
std::array<Holiday, 10> holidays_of(year y) {
  std::array<Holiday, 10> list{};
  std::size_t count = 0;
  const auto add = [&](sys_days date, std::string_view name) { list[count++] = {date, name}; };

  const sys_days new_year{y / January / 1};
  if (weekday{new_year} == Sunday) {
    add(new_year + days{1}, "New Year's Day");
  } else if (weekday{new_year} != Saturday) {
    add(new_year, "New Year's Day");
  }
  if (y >= 1998y) {
    add(nth_weekday(y, January, Monday, 3), "Martin Luther King Jr. Day");
  }
  add(nth_weekday(y, February, Monday, 3), "Washington's Birthday");
  add(easter_sunday(static_cast<int>(y)) - days{2}, "Good Friday");
  add(last_weekday(y, May, Monday), "Memorial Day");
  if (y >= 2022y) {
    add(observed_nearest_weekday(sys_days{y / June / 19}), "Juneteenth");
  }
  add(observed_nearest_weekday(sys_days{y / July / 4}), "Independence Day");
  add(nth_weekday(y, September, Monday, 1), "Labor Day");
  add(nth_weekday(y, November, Thursday, 4), "Thanksgiving");
  add(observed_nearest_weekday(sys_days{y / December / 25}), "Christmas");
  return list;
}

bool is_early_close(const year_month_day& ymd, weekday wd) {
  const bool monday_to_thursday = wd != Friday && wd != Saturday && wd != Sunday;
  if (ymd.month() == July && ymd.day() == 3d) {
    return monday_to_thursday;
  }
  if (ymd.month() == December && ymd.day() == 24d) {
    return monday_to_thursday;
  }
  return ymd.month() == November &&
         sys_days{ymd} == nth_weekday(ymd.year(), November, Thursday, 4) + days{1};
}

} // namespace

sys_days easter_sunday(int year_number) {
  const int a = year_number % 19;
  const int b = year_number / 100;
  const int c = year_number % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month_number = (h + l - 7 * m + 114) / 31;
  const int day_number = (h + l - 7 * m + 114) % 31 + 1;
  return sys_days{year{year_number} / month{static_cast<unsigned>(month_number)} /
                  day{static_cast<unsigned>(day_number)}};
}

NyseDay classify_nyse_day(sys_days date) {
  const weekday wd{date};
  if (wd == Saturday || wd == Sunday) {
    return {NyseDayKind::weekend, {}};
  }
  const year_month_day ymd{date};
  for (const auto& closure : k_special_closures) {
    if (closure.date == ymd) {
      return {NyseDayKind::special_closure, closure.reason};
    }
  }
  for (const auto& holiday : holidays_of(ymd.year())) {
    if (holiday.date == date && !holiday.name.empty()) {
      return {NyseDayKind::holiday, holiday.name};
    }
  }
  if (is_early_close(ymd, wd)) {
    return {NyseDayKind::early_close, {}};
  }
  return {NyseDayKind::regular, {}};
}

} // namespace crew::calendar
