#pragma once
// Internal to the calendar module: New York's UTC offset at an instant, fast for repeated calls
// (the backtester asks once per bar). The public helpers are declared in market_calendar.hpp.
#include "core/time.hpp"

#include <chrono>

namespace crew::calendar {

// New York's UTC offset at `t` (-4 h in daylight-saving time, -5 h otherwise).
std::chrono::seconds new_york_offset(core::UtcTime t);

// Seconds since the local epoch of New York wall time at `t` (UTC seconds plus the offset).
std::chrono::sys_seconds new_york_wall_clock(core::UtcTime t);

} // namespace crew::calendar
