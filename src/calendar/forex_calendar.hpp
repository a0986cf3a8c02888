#pragma once
// Internal to the calendar module: the forex week (design.md section 3) in New York time,
// Sunday 17:00 to Friday 17:00 with a daily break 17:00–18:00 Monday to Thursday. No holidays.
#include "core/time.hpp"

#include <optional>

namespace crew::calendar {

bool forex_is_open(core::UtcTime t);
// The first instant ≥ t at which forex trades.
core::UtcTime forex_next_open(core::UtcTime t);
// The end of the stretch that contains t, or of the next one when forex is closed at t.
core::UtcTime forex_next_close(core::UtcTime t);

} // namespace crew::calendar
