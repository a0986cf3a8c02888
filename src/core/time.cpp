#include "core/time.hpp"

#include "core/text.hpp"

#include <cstdio>
#include <limits>

namespace crew::core {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads exactly `count` digits at `pos` into `out`; false when they are not all digits.
bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) {
    return false;
  }
  out = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (!is_digit(text[pos + i])) {
      return false;
    }
    out = out * 10 + (text[pos + i] - '0');
  }
  return true;
}

Error bad(std::string_view text, const char* why) {
  return Error{"invalid timestamp '" + printable(text) + "': " + why, ""};
}

Result<sys_days> parse_ymd(std::string_view text, std::string_view whole) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (!read_digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' ||
      !read_digits(text, 5, 2, m) || text[7] != '-' || !read_digits(text, 8, 2, d)) {
    return bad(whole, "expected YYYY-MM-DD");
  }
  const year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                           std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) {
    return bad(whole, "no such date");
  }
  if (y < k_min_year || y > k_max_year) {
    return bad(whole, "year out of range (1678 to 2261)");
  }
  return sys_days{ymd};
}

} // namespace

Result<sys_days> parse_day(std::string_view text) {
  if (text.size() != 10) {
    return Error{"invalid date '" + printable(text) + "': expected YYYY-MM-DD", ""};
  }
  auto day = parse_ymd(text, text);
  if (!day) {
    const std::string& what = day.error().what;
    const std::string why = what.find("no such") != std::string::npos ? "no such date"
                            : what.find("year out of range") != std::string::npos
                                ? "year out of range (1678 to 2261)"
                                : "expected YYYY-MM-DD";
    return Error{"invalid date '" + printable(text) + "': " + why, ""};
  }
  return day;
}

Result<UtcTime> parse_date(std::string_view text) {
  auto day = parse_day(text);
  if (!day) {
    return day.error();
  }
  return UtcTime::from_sys(*day);
}

Result<UtcTime> parse_rfc3339(std::string_view text) {
  auto day = parse_ymd(text, text);
  if (!day) {
    return day.error();
  }
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't' && text[10] != ' ')) {
    return bad(text, "expected a time after the date (YYYY-MM-DDTHH:MM:SSZ)");
  }
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (!read_digits(text, 11, 2, hh) || text[13] != ':' || !read_digits(text, 14, 2, mm) ||
      text[16] != ':' || !read_digits(text, 17, 2, ss)) {
    return bad(text, "expected HH:MM:SS");
  }
  if (hh > 23 || mm > 59 || ss > 60) {
    return bad(text, "time of day out of range");
  }
  std::size_t pos = 19;
  std::int64_t fraction_ns = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t digits = 0;
    std::int64_t scale = 100'000'000;
    while (pos < text.size() && is_digit(text[pos])) {
      if (digits < 9) {
        fraction_ns += (text[pos] - '0') * scale;
        scale /= 10;
      }
      ++digits;
      ++pos;
    }
    if (digits == 0) {
      return bad(text, "empty fraction of a second");
    }
  }
  if (pos >= text.size()) {
    return bad(text, "missing time zone (Z or ±HH:MM)");
  }
  std::int64_t offset_s = 0;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0;
    int om = 0;
    if (!read_digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !read_digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
      return bad(text, "malformed offset, expected ±HH:MM");
    }
    offset_s = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad(text, "missing time zone (Z or ±HH:MM)");
  }
  if (pos != text.size()) {
    return bad(text, "trailing characters");
  }
  const std::int64_t seconds = std::int64_t{day->time_since_epoch().count()} * 86'400 + hh * 3600 +
                               mm * 60 + std::min(ss, 59) - offset_s;
  return UtcTime::from_ns(seconds * 1'000'000'000 + fraction_ns);
}

Result<UtcTime> add_duration(UtcTime t, Duration d) {
  std::int64_t sum = 0;
  if (!__builtin_add_overflow(t.ns(), d.count(), &sum) && t >= k_earliest_time &&
      t <= k_latest_time && sum >= k_earliest_time.ns() && sum <= k_latest_time.ns()) {
    return UtcTime::from_ns(sum);
  }
  if (d.count() < 0) {
    return Error{"begins before " + format_rfc3339(k_earliest_time, 0) +
                     ", the earliest time the program handles",
                 ""};
  }
  return Error{"ends after " + format_rfc3339(k_latest_time, 0) +
                   ", the latest time the program handles",
               ""};
}

Result<Duration> parse_duration(std::string_view text) {
  const auto not_a_duration = [&] {
    return Error{"'" + printable(text) + "' is not a duration such as 3600, 90m, 24h or 7d", ""};
  };
  std::size_t digits = 0;
  while (digits < text.size() && is_digit(text[digits])) {
    ++digits;
  }
  const auto unit = text.substr(digits);
  std::int64_t per_unit = 0;
  if (unit.empty() || unit == "s") {
    per_unit = 1;
  } else if (unit == "m") {
    per_unit = 60;
  } else if (unit == "h") {
    per_unit = 3600;
  } else if (unit == "d") {
    per_unit = 86'400;
  }
  if (digits == 0 || per_unit == 0) {
    return not_a_duration();
  }
  constexpr std::int64_t k_max_seconds = std::numeric_limits<std::int64_t>::max() / 1'000'000'000;
  std::int64_t count = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    count = count * 10 + (text[i] - '0');
    if (count > k_max_seconds / per_unit) {
      return Error{"'" + printable(text) + "' is too long: at most " +
                       std::to_string(k_max_seconds / 86'400) + " days",
                   ""};
    }
  }
  if (count == 0) {
    return Error{"'" + printable(text) + "': the duration must be positive", ""};
  }
  return Duration{std::chrono::seconds{count * per_unit}};
}

std::string format_date(sys_days day) {
  const year_month_day ymd{day};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::string format_rfc3339(UtcTime t, int fraction_digits) {
  const sys_days day = t.day();
  const std::int64_t ns_of_day = t.ns() - UtcTime::from_sys(day).ns();
  const std::int64_t secs = ns_of_day / 1'000'000'000;
  std::int64_t fraction = ns_of_day % 1'000'000'000;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d", format_date(day).c_str(),
                static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                static_cast<int>(secs % 60));
  std::string out = buffer;
  int digits = fraction_digits;
  if (digits < 0) {
    digits = 9;
    while (digits > 0 && fraction % 10 == 0) {
      fraction /= 10;
      --digits;
    }
  } else {
    if (digits > 9) {
      digits = 9;
    }
    for (int i = digits; i < 9; ++i) {
      fraction /= 10;
    }
  }
  if (digits > 0) {
    // Zero-padded by hand: GCC's -Wformat-truncation misjudges "%0*lld" under ASan.
    const std::string text = std::to_string(fraction);
    out += '.';
    out.append(static_cast<std::size_t>(digits) - text.size(), '0');
    out += text;
  }
  out += 'Z';
  return out;
}

} // namespace crew::core
