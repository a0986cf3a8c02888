// The public queries of market_calendar.hpp: NYSE sessions read from the session table, forex
// from its weekly rule, crypto always open. An NYSE session (09:30–16:00 New York, i.e. 13:30Z
// to 21:00Z at the widest) lies inside one UTC day, and that UTC day is its New York date, so the
// session that may contain `t` is found from t's UTC day without any time-zone arithmetic.
#include "calendar/market_calendar.hpp"

#include "calendar/forex_calendar.hpp"
#include "calendar/session_table.hpp"

namespace crew::calendar {
namespace {

using namespace std::chrono;
using core::AssetClass;

Session to_session(sys_days date, const NyseDayEntry& entry) {
  return Session{date, entry.open, entry.close, entry.kind == NyseDayKind::early_close};
}

} // namespace

std::optional<Session> nyse_session_on(sys_days date) {
  const auto entry = nyse_day_entry(date);
  if (!entry.trades()) {
    return std::nullopt;
  }
  return to_session(date, entry);
}

Session nyse_session_at_or_after(core::UtcTime t) {
  // Terminates within days: no rule closes more than four weekdays in a row.
  for (auto date = t.day();; date += days{1}) {
    const auto entry = nyse_day_entry(date);
    if (entry.trades() && t < entry.close) {
      return to_session(date, entry);
    }
  }
}

Session nyse_previous_session(core::UtcTime t) {
  for (auto date = t.day();; date -= days{1}) {
    const auto entry = nyse_day_entry(date);
    if (entry.trades() && entry.close <= t) {
      return to_session(date, entry);
    }
  }
}

std::vector<Session> nyse_sessions(sys_days from, sys_days to) {
  std::vector<Session> sessions;
  for (auto date = from; date <= to; date += days{1}) {
    const auto entry = nyse_day_entry(date);
    if (entry.trades()) {
      sessions.push_back(to_session(date, entry));
    }
  }
  return sessions;
}

std::optional<std::string> nyse_closure_reason(sys_days date) {
  const auto day = classify_nyse_day(date);
  switch (day.kind) {
  case NyseDayKind::regular:
  case NyseDayKind::early_close:
    return std::nullopt;
  case NyseDayKind::weekend:
    return std::string("weekend");
  case NyseDayKind::holiday:
  case NyseDayKind::special_closure:
    return std::string(day.reason);
  }
  return std::nullopt;
}

bool is_open(AssetClass market, core::UtcTime t) {
  switch (market) {
  case AssetClass::us_equity: {
    const auto entry = nyse_day_entry(t.day());
    return entry.trades() && entry.open <= t && t < entry.close;
  }
  case AssetClass::crypto:
    return true;
  case AssetClass::forex:
    return forex_is_open(t);
  }
  return false;
}

core::UtcTime next_open(AssetClass market, core::UtcTime t) {
  switch (market) {
  case AssetClass::us_equity: {
    const auto session = nyse_session_at_or_after(t);
    return session.open <= t ? t : session.open;
  }
  case AssetClass::crypto:
    return t;
  case AssetClass::forex:
    return forex_next_open(t);
  }
  return t;
}

std::optional<core::UtcTime> next_close(AssetClass market, core::UtcTime t) {
  switch (market) {
  case AssetClass::us_equity:
    return nyse_session_at_or_after(t).close;
  case AssetClass::crypto:
    return std::nullopt;
  case AssetClass::forex:
    return forex_next_close(t);
  }
  return std::nullopt;
}

std::vector<AssetClass> active_markets(core::UtcTime t) {
  std::vector<AssetClass> open;
  for (const auto market : core::k_asset_classes) {
    if (is_open(market, t)) {
      open.push_back(market);
    }
  }
  return open;
}

std::vector<Session> market_sessions(AssetClass market, sys_days from, sys_days to) {
  switch (market) {
  case AssetClass::us_equity:
    return nyse_sessions(from, to);
  case AssetClass::forex:
    return forex_sessions(from, to);
  case AssetClass::crypto:
    break;
  }
  std::vector<Session> days_open;
  for (auto date = from; date <= to; date += days{1}) {
    days_open.push_back(Session{date, core::UtcTime::from_sys(date),
                                core::UtcTime::from_sys(date + days{1}), false});
  }
  return days_open;
}

} // namespace crew::calendar
