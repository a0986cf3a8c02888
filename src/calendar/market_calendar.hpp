#pragma once
// When each market trades (design.md section 3): NYSE regular sessions from its rules and special
// closures, crypto always, forex 23/5. All answers are UTC instants; New York local time exists
// only inside this module. Needs no network: Alpaca's /v2/calendar may confirm, never decide.
#include "core/asset_class.hpp"
#include "core/time.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace crew::calendar {

// One NYSE regular session: its New York date and its open/close as UTC instants.
struct Session {
  std::chrono::sys_days date; // the New York calendar date of the session
  core::UtcTime open;
  core::UtcTime close;
  bool early_close = false; // 13:00 close

  bool contains(core::UtcTime t) const { return open <= t && t < close; }
  bool operator==(const Session&) const = default;
};

// The NYSE session on New York date `date`, if the exchange trades that day.
std::optional<Session> nyse_session_on(std::chrono::sys_days date);
// The NYSE session that contains `t` or, if none does, the next one that opens after `t`.
Session nyse_session_at_or_after(core::UtcTime t);
// The last NYSE session that closed at or before `t`.
Session nyse_previous_session(core::UtcTime t);
// Every NYSE session whose New York date lies in [from, to].
std::vector<Session> nyse_sessions(std::chrono::sys_days from, std::chrono::sys_days to);
// Why `date` has no session ("Thanksgiving", "weekend", …), or nullopt when it has one.
std::optional<std::string> nyse_closure_reason(std::chrono::sys_days date);

// Whether `market` is open at `t` (sessions are [open, close)).
bool is_open(core::AssetClass market, core::UtcTime t);
// The next instant ≥ t at which `market` is open (t itself when it is open now).
core::UtcTime next_open(core::AssetClass market, core::UtcTime t);
// The next close strictly after t of the session containing t or the next session; nullopt for
// crypto, which never closes.
std::optional<core::UtcTime> next_close(core::AssetClass market, core::UtcTime t);
// The markets open at `t`, in the order US_EQUITY, CRYPTO, FOREX.
std::vector<core::AssetClass> active_markets(core::UtcTime t);

// Forex trading stretches (Sunday 17:00 → Monday 17:00, then 18:00 → 17:00 until Friday 17:00,
// New York time) whose opening falls on a New York date in [from, to]; `date` is that date.
std::vector<Session> forex_sessions(std::chrono::sys_days from, std::chrono::sys_days to);
// The sessions of `market` on dates in [from, to]: NYSE sessions, forex stretches, or for crypto
// one whole UTC day per date ([00:00Z, next 00:00Z), as crypto never closes).
std::vector<Session> market_sessions(core::AssetClass market, std::chrono::sys_days from,
                                     std::chrono::sys_days to);

// New York local time helpers (America/New_York from the OS tz database, DST-correct).
std::chrono::sys_days new_york_date(core::UtcTime t);
// The UTC instant of New York wall time `time_of_day` on New York date `date`.
core::UtcTime new_york_time(std::chrono::sys_days date, std::chrono::minutes time_of_day);
// "09:30 -04:00": the New York wall time of `t` and its UTC offset at that instant.
std::string format_new_york(core::UtcTime t);
// `t` as New York local RFC 3339, e.g. "2026-07-03T11:00:00-04:00".
std::string format_new_york_rfc3339(core::UtcTime t);

} // namespace crew::calendar
