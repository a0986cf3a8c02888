#pragma once
// The Review as a text table for the terminal (`crew report`) and as JSON for scripts
// (`crew report --json`). Formatting only; the numbers come from build_review().
#include "report/review.hpp"

#include <string>

namespace crew::report {

std::string render_text(const Review& review);

// Keys: from, to, equity {start, end, max_drawdown_pct, recorded}, total, by_market,
// by_strategy (each: name, trades, wins, win_rate_pct, profit_factor (null when infinite),
// net_pnl, fees, average_pnl, max_drawdown, max_drawdown_pct, best, worst), operations
// {api_calls, api_calls_simulated (the last session was --sim: no requests), api_quota_pct,
// api_calls_by_day, uptime_pct (null: never ran), heartbeats,
// longest_gap_seconds, alerts, halts, market_switches}.
std::string to_json(const Review& review);

// "1.85", "inf" or "-" (no trades).
std::string format_profit_factor(const TradeStats& stats);

} // namespace crew::report
