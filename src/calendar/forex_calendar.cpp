// The forex week, in New York wall time (design.md section 3):
//   Sunday 17:00 → Monday 17:00, Monday 18:00 → Tuesday 17:00, … , Thursday 18:00 → Friday 17:00.
// So Sunday opens at 17:00 (no break on Sunday), Monday–Thursday close 17:00–18:00, and Friday
// 17:00 until Sunday 17:00 is the weekend. Holidays are not modelled: the interbank market has
// none common to every venue. New York's daylight-saving changes happen at 02:00 on a Sunday,
// far from 17:00 and 18:00, so each boundary has exactly one UTC instant: 21:00Z/22:00Z in
// summer, 22:00Z/23:00Z in winter.
#include "calendar/forex_calendar.hpp"

#include "calendar/market_calendar.hpp"
#include "calendar/new_york_time.hpp"

namespace crew::calendar {
namespace {

using namespace std::chrono;

constexpr minutes k_close{17 * 60};
constexpr minutes k_reopen{18 * 60};

struct WallClock {
  sys_days date;
  weekday wd;
  seconds time_of_day;
};

WallClock wall_clock(core::UtcTime t) {
  const auto wall = new_york_wall_clock(t);
  const auto date = floor<days>(wall);
  return {date, weekday{date}, wall - date};
}

bool is_trading(const WallClock& w) {
  if (w.wd == Saturday) {
    return false;
  }
  if (w.wd == Sunday) {
    return w.time_of_day >= k_close;
  }
  if (w.wd == Friday) {
    return w.time_of_day < k_close;
  }
  return w.time_of_day < k_close || w.time_of_day >= k_reopen;
}

} // namespace

bool forex_is_open(core::UtcTime t) {
  return is_trading(wall_clock(t));
}

core::UtcTime forex_next_open(core::UtcTime t) {
  const auto w = wall_clock(t);
  if (is_trading(w)) {
    return t;
  }
  // Closed: either the weekday break (reopens 18:00 the same day) or the weekend (Sunday 17:00).
  if (w.wd != Friday && w.wd != Saturday && w.wd != Sunday) {
    return new_york_time(w.date, k_reopen);
  }
  const auto days_to_sunday = (Sunday - w.wd).count(); // 0 on Sunday, 1 Saturday, 2 Friday
  return new_york_time(w.date + days{days_to_sunday}, k_close);
}

core::UtcTime forex_next_close(core::UtcTime t) {
  const auto opens = wall_clock(forex_next_open(t));
  // A stretch that opens at 17:00 (Sunday) or 18:00 runs to 17:00 of the next day; one that is
  // already under way before 17:00 ends at 17:00 the same day.
  const auto close_date = opens.time_of_day >= k_close ? opens.date + days{1} : opens.date;
  return new_york_time(close_date, k_close);
}

std::vector<Session> forex_sessions(sys_days from, sys_days to) {
  std::vector<Session> sessions;
  for (auto date = from; date <= to; date += days{1}) {
    const weekday wd{date};
    if (wd == Friday || wd == Saturday) {
      continue;
    }
    const auto open_time = wd == Sunday ? k_close : k_reopen;
    sessions.push_back(Session{date, new_york_time(date, open_time),
                               new_york_time(date + days{1}, k_close), false});
  }
  return sessions;
}

} // namespace crew::calendar
