#include "backtest/strategy_order.hpp"

#include "strategy/registry.hpp"

#include <fmt/format.h>

namespace crew::backtest {
namespace {

// The loaded ranking as a RankingSource, so the registry's rules apply (aliases resolved,
// unknown names dropped, strategies the ranking lacks appended in the default order).
class LoadedRanking final : public strategy::RankingSource {
public:
  explicit LoadedRanking(const StrategyRanking& ranking) : m_ranking(ranking) {}
  std::vector<std::string> ranked_strategies(core::AssetClass /*asset_class*/) const override {
    std::vector<std::string> names;
    for (const auto& e : m_ranking.entries) {
      names.push_back(e.strategy);
    }
    return names;
  }

private:
  const StrategyRanking& m_ranking;
};

std::vector<std::string> names_of(const std::vector<std::string_view>& views) {
  return {views.begin(), views.end()};
}

} // namespace

StrategyOrder default_strategy_order(core::AssetClass market, std::string why) {
  return StrategyOrder{market, names_of(strategy::strategies_for(market, nullptr)), false,
                       "default order: " + why};
}

StrategyOrder strategy_order(core::AssetClass market, const RankingFile& file) {
  auto loaded = file.load(market);
  if (!loaded) {
    return default_strategy_order(market, "the stored ranking cannot be read (" +
                                              loaded.error().message() + ")");
  }
  if (!loaded->has_value() || (*loaded)->entries.empty()) {
    return default_strategy_order(market,
                                  fmt::format("no {} ranking stored in {} (crew backtest --all "
                                              "stores one)",
                                              core::to_string(market), file.path().string()));
  }
  const LoadedRanking source(**loaded);
  return StrategyOrder{market, names_of(strategy::strategies_for(market, &source)), true,
                       fmt::format("stored ranking of crew backtest --all on {} bars ({})",
                                   core::to_string((*loaded)->timeframe), file.path().string())};
}

std::string describe(const StrategyOrder& order) {
  return fmt::format("{} strategies: {} ({})", core::to_string(order.market),
                     fmt::join(order.names, ", "), order.source);
}

} // namespace crew::backtest
