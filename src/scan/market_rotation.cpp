// Market rotation (design.md section 8): one market is "active" at any instant.
//
// Rules.
//  1. US_EQUITY whenever its NYSE regular session is open ([09:30, 16:00) New York, [09:30,
//     13:00) on early-close days), including the closing window: from close − 5 min (15:55, or
//     12:55 on early-close days; scheduler.close_before_us_close_minutes) the loop closes every US
//     position and makes no new US entry, but US_EQUITY stays the market until the bell.
//  2. Otherwise the active market with the best performance score. CRYPTO is always active.
//     FOREX (open Sunday 17:00 to Friday 17:00 New York, with a daily 17:00–18:00 break) competes
//     only when scanner.trade_forex is true: the system does not trade forex by default, and a
//     market it does not trade must never win the rotation. Ties go to CRYPTO.
//  3. CRYPTO when nothing else is open (weekends, holidays, nights).
//
// Performance score. With n closed trades, w wins and average net profit a (account currency),
//   win  = (w + k/2) / (n + k)                       a win rate shrunk towards 1/2 (k = 10),
//   gain = 1/2 + 1/2 · tanh(a / s) · n / (n + k)    average profit squashed to (0, 1), s = 100,
//                                                    shrunk towards 1/2 by the same prior,
//   score = (win + gain) / 2.
// So a market without history scores exactly 0.5 and ten trades weigh as much as the prior.
//
// Scan intervals: US_EQUITY every 5 min; CRYPTO every 15 min while the UTC hour lies in the busy
// window [12:00, 04:00) (it wraps midnight: hour ≥ 12 or hour < 4 — the original plan's
// `12 <= hour <= 4` is never true) and every 30 min otherwise; FOREX at the quiet crypto rate.
// All of it comes from [scheduler].
//
// Transitions, in the order they come: the US open (switch to US_EQUITY; no new crypto entries,
// open crypto positions held or closed per scheduler.crypto_at_us_open), the close-US-positions
// moment, and the US close (switch to the rule-2 market). DST needs no special case here: the
// calendar turns New York wall times into UTC instants (the 2026 changes on 2026-03-08 and
// 2026-11-01 are covered by tests/scan/market_rotation_test.cpp).
#include "scan/market_rotation.hpp"

#include "calendar/market_calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace crew::scan {
namespace {

constexpr double k_prior_trades = 10.0;
constexpr double k_profit_scale = 100.0;

std::string new_york_clock(core::UtcTime t) {
  return calendar::format_new_york(t).substr(0, 5);
}

// Why US_EQUITY is not open at `t` ("weekend", "Thanksgiving", "before the 09:30 open", …).
std::string us_closed_because(core::UtcTime t) {
  const auto date = calendar::new_york_date(t);
  if (const auto reason = calendar::nyse_closure_reason(date)) {
    return *reason;
  }
  const auto session = calendar::nyse_session_on(date);
  if (session && t < session->open) {
    return "before the " + new_york_clock(session->open) + " New York open";
  }
  if (session) {
    return std::string("after the ") + (session->early_close ? "early " : "") +
           new_york_clock(session->close) + " New York close";
  }
  return "no session";
}

} // namespace

double performance_score(const MarketPerformance& performance) {
  const double n = std::max(0, performance.trades);
  const double wins = std::clamp(static_cast<double>(performance.wins), 0.0, n);
  const double win = (wins + k_prior_trades / 2) / (n + k_prior_trades);
  const double weight = n / (n + k_prior_trades);
  const double gain = 0.5 + 0.5 * std::tanh(performance.average_profit() / k_profit_scale) * weight;
  return (win + gain) / 2;
}

std::string_view to_string(TransitionKind kind) {
  switch (kind) {
  case TransitionKind::us_open:
    return "us_open";
  case TransitionKind::close_us_positions:
    return "close_us_positions";
  case TransitionKind::us_close:
    return "us_close";
  }
  return "us_open";
}

MarketRotation::MarketRotation(config::SchedulerConfig scheduler, bool trade_forex)
    : m_scheduler(std::move(scheduler)), m_trade_forex(trade_forex) {}

bool MarketRotation::in_crypto_busy_window(int hour) const {
  const int start = m_scheduler.crypto_busy_start_hour_utc;
  const int end = m_scheduler.crypto_busy_end_hour_utc;
  if (start == end) {
    return false;
  }
  return start < end ? (start <= hour && hour < end) : (hour >= start || hour < end);
}

core::Duration MarketRotation::scan_interval(core::AssetClass market, core::UtcTime t) const {
  int minutes_between = m_scheduler.crypto_quiet_scan_minutes;
  if (market == core::AssetClass::us_equity) {
    minutes_between = m_scheduler.us_equity_scan_minutes;
  } else if (market == core::AssetClass::crypto) {
    const auto seconds_of_day = t.seconds() - (t.day().time_since_epoch().count() * 86'400);
    const int hour = static_cast<int>(seconds_of_day / 3600);
    minutes_between = in_crypto_busy_window(hour) ? m_scheduler.crypto_busy_scan_minutes
                                                  : m_scheduler.crypto_quiet_scan_minutes;
  }
  return std::chrono::minutes{minutes_between};
}

RotationDecision MarketRotation::choose(core::UtcTime t,
                                        const PerformanceByMarket& performance) const {
  RotationDecision decision;
  if (calendar::is_open(core::AssetClass::us_equity, t)) {
    const auto session = calendar::nyse_session_at_or_after(t);
    const auto closing =
        session.close - std::chrono::minutes{m_scheduler.close_before_us_close_minutes};
    decision.market = core::AssetClass::us_equity;
    decision.reason = "US_EQUITY session open until " + new_york_clock(session.close) +
                      " New York" + (session.early_close ? " (early close)" : "");
    if (t >= closing) {
      decision.reason += "; closing window: US positions are closed, no new US entries";
    }
  } else {
    auto score_of = [&](core::AssetClass market) {
      const auto found = performance.find(market);
      return performance_score(found == performance.end() ? MarketPerformance{} : found->second);
    };
    const double crypto_score = score_of(core::AssetClass::crypto);
    decision.market = core::AssetClass::crypto;
    decision.reason = "US_EQUITY closed (" + us_closed_because(t) + "); ";
    if (m_trade_forex && calendar::is_open(core::AssetClass::forex, t)) {
      const double forex_score = score_of(core::AssetClass::forex);
      if (forex_score > crypto_score) {
        decision.market = core::AssetClass::forex;
      }
      decision.reason +=
          fmt::format("{} has the best performance score (CRYPTO {:.3f}, FOREX {:.3f})",
                      core::to_string(decision.market), crypto_score, forex_score);
    } else {
      decision.reason +=
          fmt::format("CRYPTO is the only other market traded now (score {:.3f}{})", crypto_score,
                      m_trade_forex ? "; FOREX closed" : "; forex trading disabled");
    }
  }
  decision.scan_interval = scan_interval(decision.market, t);
  return decision;
}

Transition MarketRotation::next_transition(core::UtcTime t,
                                           const PerformanceByMarket& performance) const {
  const auto session = calendar::nyse_session_at_or_after(t);
  const auto closing =
      session.close - std::chrono::minutes{m_scheduler.close_before_us_close_minutes};
  Transition next;
  if (t < session.open) {
    next.time = session.open;
    next.kind = TransitionKind::us_open;
    next.next_market = core::AssetClass::us_equity;
    next.what = "US session opens at " + new_york_clock(session.open) +
                " New York: switch to US_EQUITY; no new crypto entries, open crypto positions " +
                (m_scheduler.crypto_at_us_open == "close" ? "closed" : "held and managed");
  } else if (t < closing) {
    next.time = closing;
    next.kind = TransitionKind::close_us_positions;
    next.next_market = core::AssetClass::us_equity;
    next.what = fmt::format("close all US positions, {} min before the {}{} New York close",
                            m_scheduler.close_before_us_close_minutes,
                            session.early_close ? "early " : "", new_york_clock(session.close));
  } else {
    next.time = session.close;
    next.kind = TransitionKind::us_close;
    next.next_market = choose(session.close, performance).market;
    next.what = std::string("US session closes at ") + new_york_clock(session.close) +
                " New York: switch to " + std::string(core::to_string(next.next_market));
  }
  return next;
}

} // namespace crew::scan
