#include "report/trade_stats.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace crew::report {

TradeStats trade_stats(std::string name, std::span<const state::TradeRecord> trades,
                       double start_equity) {
  TradeStats stats;
  stats.name = std::move(name);
  double cumulative = 0;
  double peak = 0;
  for (const auto& trade : trades) {
    const double pnl = trade.pnl.to_double();
    ++stats.trades;
    if (pnl > 0) {
      ++stats.wins;
      stats.gross_profit += pnl;
    } else {
      stats.gross_loss -= pnl;
    }
    stats.net_pnl += pnl;
    stats.fees += trade.fees.to_double();
    if (!stats.best || trade.pnl > stats.best->pnl) {
      stats.best = trade;
    }
    if (!stats.worst || trade.pnl < stats.worst->pnl) {
      stats.worst = trade;
    }
    cumulative += pnl;
    peak = std::max(peak, cumulative);
    if (peak - cumulative > stats.max_drawdown) {
      stats.max_drawdown = peak - cumulative;
      const double base = start_equity + peak;
      stats.max_drawdown_fraction = base > 0 ? stats.max_drawdown / base : 0.0;
    }
  }
  if (stats.trades > 0) {
    const auto count = static_cast<double>(stats.trades);
    stats.win_rate = static_cast<double>(stats.wins) / count;
    stats.average_pnl = stats.net_pnl / count;
  }
  if (stats.gross_loss > 0) {
    stats.profit_factor = stats.gross_profit / stats.gross_loss;
  } else if (stats.gross_profit > 0) {
    stats.profit_factor = std::numeric_limits<double>::infinity();
  }
  return stats;
}

std::vector<TradeStats> stats_by_market(std::span<const state::TradeRecord> trades,
                                        double start_equity) {
  std::vector<TradeStats> result;
  for (const auto market : core::k_asset_classes) {
    std::vector<state::TradeRecord> group;
    std::copy_if(trades.begin(), trades.end(), std::back_inserter(group),
                 [&](const state::TradeRecord& t) { return t.market == market; });
    if (!group.empty()) {
      result.push_back(trade_stats(std::string(core::to_string(market)), group, start_equity));
    }
  }
  return result;
}

std::vector<TradeStats> stats_by_strategy(std::span<const state::TradeRecord> trades,
                                          double start_equity) {
  std::map<std::string, std::vector<state::TradeRecord>> groups;
  for (const auto& trade : trades) {
    groups[trade.strategy].push_back(trade);
  }
  std::vector<TradeStats> result;
  for (const auto& [strategy, group] : groups) {
    result.push_back(trade_stats(strategy, group, start_equity));
  }
  return result;
}

} // namespace crew::report
