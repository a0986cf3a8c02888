#include "data/bar_gaps.hpp"

#include "calendar/market_calendar.hpp"

#include <chrono>

namespace crew::data {
namespace {

std::int64_t step_ns(core::Timeframe timeframe) {
  return core::duration(timeframe).count();
}

void append_session_grid(core::Timeframe timeframe, core::UtcTime from, core::UtcTime to,
                         std::vector<core::UtcTime>& out) {
  using std::chrono::days;
  const auto first_day = calendar::new_york_date(from) - days{1};
  const auto last_day = calendar::new_york_date(to) + days{1};
  const core::Duration step = core::duration(timeframe);
  for (const auto& session : calendar::nyse_sessions(first_day, last_day)) {
    for (core::UtcTime t = floor_to(session.open, timeframe); t < session.close; t += step) {
      if (t >= from && t <= to && (out.empty() || out.back() < t)) {
        out.push_back(t);
      }
    }
  }
}

void append_open_grid(core::AssetClass asset_class, core::Timeframe timeframe, core::UtcTime from,
                      core::UtcTime to, std::vector<core::UtcTime>& out) {
  const core::Duration step = core::duration(timeframe);
  for (core::UtcTime t = from; t <= to; t += step) {
    if (asset_class == core::AssetClass::crypto || calendar::next_open(asset_class, t) < t + step) {
      out.push_back(t);
    }
  }
}

} // namespace

core::UtcTime floor_to(core::UtcTime t, core::Timeframe timeframe) {
  const std::int64_t step = step_ns(timeframe);
  const std::int64_t ns = t.ns();
  const std::int64_t rem = ns % step;
  return core::UtcTime::from_ns(ns - (rem < 0 ? rem + step : rem));
}

std::vector<core::UtcTime> expected_bar_times(core::AssetClass asset_class,
                                              core::Timeframe timeframe, core::UtcTime from,
                                              core::UtcTime to) {
  std::vector<core::UtcTime> out;
  if (to < from) {
    return out;
  }
  if (asset_class == core::AssetClass::us_equity) {
    append_session_grid(timeframe, from, to, out);
  } else {
    const core::UtcTime start = floor_to(from, timeframe);
    append_open_grid(asset_class, timeframe,
                     start < from ? start + core::duration(timeframe) : start, to, out);
  }
  return out;
}

std::vector<BarGap> find_gaps(std::span<const core::UtcTime> times, core::AssetClass asset_class,
                              core::Timeframe timeframe) {
  std::vector<BarGap> gaps;
  if (times.size() < 2) {
    return gaps;
  }
  std::vector<core::UtcTime> expected;
  if (asset_class == core::AssetClass::us_equity) {
    expected = expected_bar_times(asset_class, timeframe, times.front(), times.back());
  } else {
    append_open_grid(asset_class, timeframe, times.front(), times.back(), expected);
  }
  // A run is consecutive on the expected grid, so a missing session close and the next open
  // form one gap.
  std::size_t have = 0;
  bool previous_missing = false;
  for (const core::UtcTime t : expected) {
    while (have < times.size() && times[have] < t) {
      ++have;
    }
    if (have < times.size() && times[have] == t) {
      previous_missing = false;
      continue;
    }
    if (previous_missing) {
      gaps.back().last = t;
      ++gaps.back().missing;
    } else {
      gaps.push_back(BarGap{t, t, 1});
    }
    previous_missing = true;
  }
  return gaps;
}

std::size_t count_missing(std::span<const core::UtcTime> times, core::AssetClass asset_class,
                          core::Timeframe timeframe) {
  std::size_t total = 0;
  for (const auto& gap : find_gaps(times, asset_class, timeframe)) {
    total += gap.missing;
  }
  return total;
}

} // namespace crew::data
