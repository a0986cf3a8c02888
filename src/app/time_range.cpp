#include "app/time_range.hpp"

namespace crew::app {
namespace {

bool looks_like_date(const std::string& text) {
  return text.size() == 10;
}

} // namespace

core::Result<core::UtcTime> parse_range_start(const std::string& text) {
  return looks_like_date(text) ? core::parse_date(text) : core::parse_rfc3339(text);
}

core::Result<core::UtcTime> parse_range_end(const std::string& text) {
  if (looks_like_date(text)) {
    auto day = core::parse_date(text);
    if (!day) {
      return day.error();
    }
    return *day + std::chrono::days{1};
  }
  auto instant = core::parse_rfc3339(text);
  if (!instant) {
    return instant.error();
  }
  return *instant + core::Duration{1};
}

core::Result<TimeRange> parse_time_range(const std::string& start, const std::string& end,
                                         core::UtcTime fallback_start, core::UtcTime fallback_end) {
  TimeRange range{fallback_start, fallback_end};
  if (!start.empty()) {
    auto parsed = parse_range_start(start);
    if (!parsed) {
      return core::Error{parsed.error().what, "--start"};
    }
    range.start = *parsed;
  }
  if (!end.empty()) {
    auto parsed = parse_range_end(end);
    if (!parsed) {
      return core::Error{parsed.error().what, "--end"};
    }
    range.end = *parsed;
  }
  if (!(range.start < range.end)) {
    return core::Error{"impossible time range: the end " + (end.empty() ? "" : "'" + end + "' ") +
                           "is not after the start" + (start.empty() ? "" : " '" + start + "'"),
                       "--start/--end"};
  }
  return range;
}

} // namespace crew::app
