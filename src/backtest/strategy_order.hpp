#pragma once
// StrategyOrder: the order in which the loop and `crew scan` try a market's strategies (design.md
// section 5): the ranking the latest `crew backtest --all` stored (RankingFile), or the default
// order 3ma, rsi, macd, bb when none is stored, with a line saying which, for the user to see.
#include "backtest/strategy_ranking.hpp"
#include "core/asset_class.hpp"

#include <string>
#include <vector>

namespace crew::backtest {

struct StrategyOrder {
  core::AssetClass market = core::AssetClass::crypto;
  std::vector<std::string> names; // canonical, best first; every strategy once
  bool ranked = false;            // from a stored ranking (false: the default order)
  // Where the order comes from, e.g. "stored ranking of crew backtest --all on 1Hour bars (FILE)"
  // or "default order: no ranking stored in FILE (crew backtest --all stores one)".
  std::string source;
};

// The order for `market` from `file`. No file, no ranking of the market or an unreadable file:
// the default order, the source saying why.
StrategyOrder strategy_order(core::AssetClass market, const RankingFile& file);

// The default order, with `why` as its source.
StrategyOrder default_strategy_order(core::AssetClass market, std::string why);

// "CRYPTO strategies: macd, rsi, 3ma, bb (stored ranking of …)".
std::string describe(const StrategyOrder& order);

} // namespace crew::backtest
