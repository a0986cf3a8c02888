// America/New_York from the OS time-zone database (Howard Hinnant's date/tz with USE_OS_TZDB),
// so daylight-saving changes follow /usr/share/zoneinfo rather than rules of our own. Looking a
// zone rule up is a binary search over transitions; the offset is constant between two
// transitions, so each thread remembers the last [begin, end) interval and answers repeated
// queries from it without touching the database.
#include "calendar/new_york_time.hpp"

#include "calendar/market_calendar.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>

namespace crew::calendar {
namespace {

using std::chrono::seconds;
using std::chrono::sys_seconds;

const date::time_zone& new_york_zone() {
  // locate_zone parses the zone file once; the pointer stays valid for the process lifetime.
  static const date::time_zone* const zone = date::locate_zone("America/New_York");
  return *zone;
}

struct OffsetInterval {
  std::int64_t begin = 0; // UTC seconds, inclusive
  std::int64_t end = 0;   // UTC seconds, exclusive
  seconds offset{0};
};

seconds offset_at_seconds(std::int64_t utc_seconds) {
  thread_local OffsetInterval last{};
  if (utc_seconds >= last.begin && utc_seconds < last.end) {
    return last.offset;
  }
  const auto info = new_york_zone().get_info(sys_seconds{seconds{utc_seconds}});
  last = OffsetInterval{info.begin.time_since_epoch().count(), info.end.time_since_epoch().count(),
                        info.offset};
  return info.offset;
}

std::string format_offset(seconds offset) {
  const auto total_minutes = offset.count() / 60;
  const auto magnitude = std::llabs(total_minutes);
  return fmt::format("{}{:02}:{:02}", total_minutes < 0 ? '-' : '+', magnitude / 60,
                     magnitude % 60);
}

} // namespace

seconds new_york_offset(core::UtcTime t) {
  return offset_at_seconds(t.seconds());
}

sys_seconds new_york_wall_clock(core::UtcTime t) {
  const auto utc_seconds = t.seconds();
  return sys_seconds{seconds{utc_seconds} + offset_at_seconds(utc_seconds)};
}

std::chrono::sys_days new_york_date(core::UtcTime t) {
  return std::chrono::floor<std::chrono::days>(new_york_wall_clock(t));
}

core::UtcTime new_york_time(std::chrono::sys_days date, std::chrono::minutes time_of_day) {
  const auto local_seconds = std::int64_t{date.time_since_epoch().count()} * 86'400 +
                             std::int64_t{time_of_day.count()} * 60;
  // Fast path: take the offset in force four hours after the wall time read as UTC (daylight
  // time's -04:00, so a repeated hour lands on its first occurrence) and accept it when it is
  // also the offset in force at the resulting instant.
  const auto guess = offset_at_seconds(local_seconds + 4 * 3600);
  const auto utc_seconds = local_seconds - guess.count();
  if (offset_at_seconds(utc_seconds) == guess) {
    return core::UtcTime::from_seconds(utc_seconds);
  }
  // Wall times near a change: a repeated hour (November) resolves to its first occurrence, a
  // skipped one (March) to the instant of the change, as date::choose::earliest does.
  const auto local = date::local_seconds{seconds{local_seconds}};
  const auto utc = new_york_zone().to_sys(local, date::choose::earliest);
  return core::UtcTime::from_seconds(utc.time_since_epoch().count());
}

std::string format_new_york(core::UtcTime t) {
  const auto wall = new_york_wall_clock(t);
  const auto since_midnight = wall - std::chrono::floor<std::chrono::days>(wall);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count();
  return fmt::format("{:02}:{:02} {}", minutes / 60, minutes % 60,
                     format_offset(new_york_offset(t)));
}

std::string format_new_york_rfc3339(core::UtcTime t) {
  const auto wall = new_york_wall_clock(t);
  const auto day = std::chrono::floor<std::chrono::days>(wall);
  const auto since_midnight = (wall - day).count();
  return fmt::format("{}T{:02}:{:02}:{:02}{}", core::format_date(day), since_midnight / 3600,
                     since_midnight / 60 % 60, since_midnight % 60,
                     format_offset(new_york_offset(t)));
}

} // namespace crew::calendar
