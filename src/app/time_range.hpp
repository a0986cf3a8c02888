#pragma once
// The --start/--end convention of every subcommand: a date means whole days (the end day is
// included), an RFC 3339 instant means that instant (an end instant is included too).
#include "core/result.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>

namespace crew::app {

// A half-open range [start, end) of UTC instants.
struct TimeRange {
  core::UtcTime start;
  core::UtcTime end;
};

// `2024-01-01` → its midnight UTC; an RFC 3339 instant → itself.
core::Result<core::UtcTime> parse_range_start(const std::string& text);
// `2024-01-31` → the midnight after that day; an RFC 3339 instant → one nanosecond after it.
core::Result<core::UtcTime> parse_range_end(const std::string& text);

// Parses both ends (empty text takes the fallback) and refuses an end before the start. Errors
// name the option ("--start", "--end").
core::Result<TimeRange> parse_time_range(const std::string& start, const std::string& end,
                                         core::UtcTime fallback_start, core::UtcTime fallback_end);

} // namespace crew::app
