#pragma once
// Internal to the calendar module: NYSE days looked up in blocks computed once by rule and then
// shared read-only, so the per-bar queries of the backtester cost a few nanoseconds.
#include "calendar/nyse_calendar.hpp"
#include "core/time.hpp"

#include <chrono>

namespace crew::calendar {

// One New York date: its kind and, on trading days, its open and close as UTC instants.
struct NyseDayEntry {
  core::UtcTime open;
  core::UtcTime close;
  NyseDayKind kind = NyseDayKind::weekend;

  bool trades() const { return kind == NyseDayKind::regular || kind == NyseDayKind::early_close; }
};

// The entry for `date`: from the cache for 1900–2250, computed on the spot outside it.
NyseDayEntry nyse_day_entry(std::chrono::sys_days date);

} // namespace crew::calendar
