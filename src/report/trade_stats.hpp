#pragma once
// TradeStats: the review of a group of closed trades (all of them, one market, one strategy) —
// count, win rate, profit factor, net P&L, fees, drawdown of the cumulative P&L, best and worst
// trade. Definitions as in the backtest metrics (design.md section 6): a win is net P&L > 0 after
// fees; profit factor is gross profit / gross loss, +inf with profit and no loss.
#include "state/records.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace crew::report {

struct TradeStats {
  std::string name; // "all", a market ("CRYPTO") or a strategy ("rsi")
  std::int64_t trades = 0;
  std::int64_t wins = 0;
  double win_rate = 0;      // wins / trades (0 without trades)
  double gross_profit = 0;  // sum of winning P&L
  double gross_loss = 0;    // sum of losing P&L, positive
  double profit_factor = 0; // gross_profit / gross_loss; +inf with profit and no loss
  double net_pnl = 0;
  double fees = 0;
  double average_pnl = 0;
  // Largest fall of the cumulative P&L from its running peak (which starts at 0), in dollars,
  // and as a fraction of start_equity + that peak.
  double max_drawdown = 0;
  double max_drawdown_fraction = 0;
  std::optional<state::TradeRecord> best;  // highest P&L
  std::optional<state::TradeRecord> worst; // lowest P&L
};

// Reviews `trades` (in exit-time order); `start_equity` (> 0) scales the drawdown fraction.
TradeStats trade_stats(std::string name, std::span<const state::TradeRecord> trades,
                       double start_equity);

// One TradeStats per market, in AssetClass order, markets without trades left out.
std::vector<TradeStats> stats_by_market(std::span<const state::TradeRecord> trades,
                                        double start_equity);
// One TradeStats per strategy name, alphabetically.
std::vector<TradeStats> stats_by_strategy(std::span<const state::TradeRecord> trades,
                                          double start_equity);

} // namespace crew::report
