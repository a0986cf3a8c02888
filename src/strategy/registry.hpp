#pragma once
// The strategy registry: canonical names and aliases → factories building a Strategy from an
// asset-class profile and the [strategy] configuration, and, per asset class, the strategies
// ranked by their latest stored backtest. The ranking itself is stored by the backtest/state
// layer behind RankingSource; this module only reads it.
#include "config/config.hpp"
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "strategy/strategy.hpp"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crew::strategy {

struct StrategyInfo {
  std::string_view name;  // canonical: 3ma, rsi, macd, bb
  std::string_view alias; // triple_ma, rsi_breakout, macd_crossover, bollinger_bands_reversal
  std::string_view summary;
};

// The four strategies in the default order 3ma, rsi, macd, bb.
std::span<const StrategyInfo> strategy_infos();
std::vector<std::string_view> strategy_names();

// The canonical name of a name or alias (case-sensitive); an error listing the known names.
core::Result<std::string_view> canonical_strategy_name(std::string_view name_or_alias);

// Builds a strategy by name or alias, with defaults overridden from config.params; unknown
// strategy or parameter names and out-of-range values are errors naming them.
core::Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name_or_alias,
                                                      const config::AssetProfile& profile,
                                                      const config::StrategyConfig& config);

// The strategies named, in that order, each built by make_strategy; a name or parameter it
// refuses is left out (the configuration was validated when it was read).
std::vector<std::unique_ptr<Strategy>> make_strategies(std::span<const std::string> names,
                                                       const config::AssetProfile& profile,
                                                       const config::StrategyConfig& config);

// The most signal bars any strategy of `profile` is fed (strategy::feed_bars, and four times the
// profile's min_bars_required): how much history before a range the backtester warms up on, so
// its indicators start where the loop's do.
std::size_t longest_feed_bars(const config::AssetProfile& profile,
                              const config::StrategyConfig& config);

// Checks every [strategy.params.<name>] section: known strategy, known keys, valid values.
core::Status validate_strategy_params(const config::StrategyConfig& config);

// Where the latest backtest ranking comes from (the backtest/state layer implements it).
class RankingSource {
public:
  virtual ~RankingSource() = default;
  // Canonical strategy names for the asset class, best first; empty when nothing is stored.
  virtual std::vector<std::string> ranked_strategies(core::AssetClass asset_class) const = 0;
};

// The strategies to use for an asset class, best first: the stored ranking (unknown names
// dropped, aliases resolved, missing strategies appended in default order), or the default order
// 3ma, rsi, macd, bb when there is no ranking.
std::vector<std::string_view> strategies_for(core::AssetClass asset_class,
                                             const RankingSource* ranking);

} // namespace crew::strategy
