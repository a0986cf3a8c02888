#pragma once
// Internal to the calendar module: what kind of day a New York date is for the NYSE, from the
// written rules alone (no caching, no time zones). session_table.cpp turns it into sessions.
#include <chrono>
#include <string_view>

namespace crew::calendar {

enum class NyseDayKind : unsigned char { regular, early_close, weekend, holiday, special_closure };

struct NyseDay {
  NyseDayKind kind = NyseDayKind::regular;
  std::string_view reason; // the holiday or closure name; empty on trading days and weekends
};

// Classifies New York date `date` by the rules of design.md section 3 (any year, Gregorian).
NyseDay classify_nyse_day(std::chrono::sys_days date);

// Easter Sunday of `year` (Gregorian computus); Good Friday is two days earlier.
std::chrono::sys_days easter_sunday(int year);

inline constexpr std::chrono::minutes k_nyse_open{9 * 60 + 30};
inline constexpr std::chrono::minutes k_nyse_close{16 * 60};
inline constexpr std::chrono::minutes k_nyse_early_close{13 * 60};

} // namespace crew::calendar
