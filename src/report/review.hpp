#pragma once
// Review: what `crew report` shows about one period of the loop's life, read from the state store
// — the trades reviewed as a whole, per market and per strategy; the equity curve and its
// drawdown; API use against the quota; uptime from the heartbeats; alerts and halts. Read only;
// the period is given, nothing here reads the clock.
#include "report/trade_stats.hpp"
#include "state/state_store.hpp"

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace crew::report {

enum class PeriodKind { day, week, month };
// "day", "week", "month".
core::Result<PeriodKind> parse_period(std::string_view text);
// The start of the trailing period that ends at `end`: 1, 7 or 30 days before it.
core::UtcTime period_start(PeriodKind kind, core::UtcTime end);

struct ReviewRequest {
  core::UtcTime from;                             // inclusive
  core::UtcTime to;                               // exclusive
  std::int64_t requests_per_minute = 200;         // [alpaca] requests_per_minute
  core::Duration tick = std::chrono::seconds{60}; // [scheduler] tick_seconds
  double fallback_equity = 100'000;               // when the store knows no equity at all
};

struct DailyApiCalls {
  std::chrono::sys_days day;
  std::int64_t calls = 0;
};

struct Operations {
  std::int64_t api_calls = 0; // requests the Alpaca clients sent, one per attempt
  // The last session stored was a --sim one, which sends no request (its calls are not missing).
  bool api_calls_simulated = false;
  double api_quota_fraction = 0; // calls / (limit per minute × minutes in the period)
  std::vector<DailyApiCalls> api_calls_by_day; // UTC days touching the period (at most 366)
  // Heartbeat coverage of the period from the loop's first heartbeat on (unset: it never ran).
  std::optional<double> uptime;
  std::optional<core::UtcTime> monitored_from;
  std::int64_t heartbeats = 0;
  core::Duration longest_gap{0};
  std::int64_t alerts = 0;
  std::int64_t halts = 0;
  std::int64_t market_switches = 0;
};

struct Review {
  core::UtcTime from;
  core::UtcTime to;
  // The equity curve: the loop's per-tick record when it kept one (equity_recorded), else the
  // start equity plus the cumulative P&L at each exit.
  bool equity_recorded = false;
  std::vector<state::EquityPoint> equity;
  double start_equity = 0;
  double end_equity = 0;
  double max_drawdown_fraction = 0; // on `equity`
  TradeStats total;
  std::vector<TradeStats> by_market;
  std::vector<TradeStats> by_strategy;
  std::vector<state::TradeRecord> trades; // closed in the period, by exit time
  Operations operations;
};

core::Result<Review> build_review(state::StateStore& store, const ReviewRequest& request);

} // namespace crew::report
