#pragma once
// Metrics: the statistics of one backtest, with the definitions of design.md section 6 (and the
// readings stated in docs/backtest-fills.md). All rates are fractions, not percent. The helper
// functions are public so each definition can be checked against a hand computation.
#include "backtest/backtest_engine.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace crew::backtest {

struct Metrics {
  std::size_t trades = 0;
  std::size_t bars = 0;
  double win_rate = 0;      // trades with net pnl > 0 / trades (0 without trades)
  double profit_factor = 0; // gross profit / gross loss; +inf with profit and no loss
  double total_return = 0;  // final / initial − 1
  double cagr = 0;          // over the calendar span of the bars
  double max_drawdown = 0;  // largest fall from a peak of the close-marked equity, ≥ 0
  double sharpe = 0;
  double sortino = 0;         // +inf with a positive mean and no negative return
  double exposure = 0;        // fraction of bars during which a position was held
  double avg_trade = 0;       // mean net return per trade on its entry notional
  double avg_trade_pnl = 0;   // mean net pnl per trade, in account currency
  double buy_hold_return = 0; // last close / first open − 1 over the same bars
  double gross_profit = 0;
  double gross_loss = 0; // positive
  double total_fees = 0;
  double initial_equity = 0;
  double final_equity = 0;
};

Metrics compute_metrics(const BacktestResult& result, const PreparedBars& input,
                        const BacktestSettings& settings);

// r_i = equity_i / equity_{i−1} − 1 with equity_{−1} = initial.
std::vector<double> per_bar_returns(std::span<const double> equity, double initial);
// Largest (peak − equity)/peak, the peak starting at `initial`.
double max_drawdown(std::span<const double> equity, double initial);
// mean / sample standard deviation · √bars_per_year; 0 with fewer than 2 returns or no spread.
double sharpe_ratio(std::span<const double> returns, double bars_per_year);
// mean / √(Σ min(r, 0)² / N) · √bars_per_year over all N returns.
double sortino_ratio(std::span<const double> returns, double bars_per_year);
// (final / initial)^(1/years) − 1, years = span / 365.25 days; −1 when everything was lost.
double compound_annual_growth(double initial, double final_equity, core::Duration span);

} // namespace crew::backtest

namespace crew::backtest {

// One metric as people read it: "Win rate", "43.10%".
struct MetricRow {
  std::string label;
  std::string value;
};

// The metrics in the order the table and the report show them; rates in percent, ratios with two
// decimals, "inf" for infinity.
std::vector<MetricRow> metric_rows(const Metrics& metrics);

} // namespace crew::backtest
