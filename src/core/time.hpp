#pragma once
// UtcTime: an instant as nanoseconds since the Unix epoch, in UTC. Every time the program stores
// or compares is one of these; local (New York) time exists only inside the calendar module.
#include "core/result.hpp"

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace crew::core {

using Duration = std::chrono::nanoseconds;

class UtcTime {
public:
  constexpr UtcTime() = default;
  static constexpr UtcTime from_ns(std::int64_t ns) { return UtcTime(ns); }
  static constexpr UtcTime from_seconds(std::int64_t s) { return UtcTime(s * 1'000'000'000); }
  static constexpr UtcTime from_sys(std::chrono::sys_days day) {
    return from_seconds(std::int64_t{day.time_since_epoch().count()} * 86'400);
  }

  constexpr std::int64_t ns() const { return m_ns; }
  constexpr std::int64_t seconds() const { return floor_div(m_ns, 1'000'000'000); }
  // The UTC calendar day that contains this instant.
  constexpr std::chrono::sys_days day() const {
    return std::chrono::sys_days{std::chrono::days{floor_div(m_ns, k_ns_per_day)}};
  }

  constexpr auto operator<=>(const UtcTime&) const = default;
  constexpr UtcTime operator+(Duration d) const { return UtcTime(m_ns + d.count()); }
  constexpr UtcTime operator-(Duration d) const { return UtcTime(m_ns - d.count()); }
  constexpr Duration operator-(UtcTime other) const { return Duration{m_ns - other.m_ns}; }
  constexpr UtcTime& operator+=(Duration d) {
    m_ns += d.count();
    return *this;
  }

private:
  static constexpr std::int64_t k_ns_per_day = 86'400'000'000'000;
  constexpr explicit UtcTime(std::int64_t ns) : m_ns(ns) {}
  static constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
  }
  std::int64_t m_ns = 0;
};

// The years a parsed date may have: whole years inside the span of int64 nanoseconds
// (1677-09-21 to 2262-04-11), so every accepted date, even with a ±23:59 offset, is a UtcTime.
inline constexpr int k_min_year = 1678;
inline constexpr int k_max_year = 2261;

// The span of instants the program computes with: k_min_year-01-01 to the end of k_max_year. A
// time computed from what a user gave (a start plus a duration) outside it is refused, never
// wrapped around.
inline constexpr UtcTime k_earliest_time =
    UtcTime::from_sys(std::chrono::sys_days{std::chrono::year{k_min_year} / 1 / 1});
inline constexpr UtcTime k_latest_time =
    UtcTime::from_sys(std::chrono::sys_days{std::chrono::year{k_max_year + 1} / 1 / 1}) -
    Duration{1};

// `t + d`, or an Error (naming no place) when it would fall outside k_earliest_time to
// k_latest_time, where the int64 nanoseconds of UtcTime would also overflow.
Result<UtcTime> add_duration(UtcTime t, Duration d);

// Parses a positive duration: whole seconds (`3600` or `3600s`), minutes (`90m`), hours (`24h`)
// or days (`7d`). Errors quote the text and name no place; longer than int64 nanoseconds hold
// (about 292 years) is an error, not an overflow.
Result<Duration> parse_duration(std::string_view text);

// Parses RFC 3339: `2024-01-03T09:30:00Z`, fractions up to nanoseconds, offsets such as `-04:00`.
// A lowercase `t`/`z` and a space instead of `T` are accepted, as RFC 3339 allows.
Result<UtcTime> parse_rfc3339(std::string_view text);

// Parses `YYYY-MM-DD` as midnight UTC of that day. Dates outside k_min_year..k_max_year are errors,
// here and in parse_rfc3339 and parse_day.
Result<UtcTime> parse_date(std::string_view text);

// Formats as `2024-01-03T14:30:00Z`; fractions only when non-zero, with as many digits as needed
// (up to 9), unless `fraction_digits` (0–9) fixes their number.
std::string format_rfc3339(UtcTime t, int fraction_digits = -1);

// Formats the UTC date of `t` as `YYYY-MM-DD`.
std::string format_date(std::chrono::sys_days day);

// Parses `YYYY-MM-DD` into a calendar day.
Result<std::chrono::sys_days> parse_day(std::string_view text);

} // namespace crew::core
