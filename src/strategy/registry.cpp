#include "strategy/registry.hpp"

#include "strategy/bollinger_reversal.hpp"
#include "strategy/macd_crossover.hpp"
#include "strategy/rsi_breakout.hpp"
#include "strategy/triple_ma.hpp"

#include <algorithm>
#include <array>

namespace crew::strategy {
namespace {

constexpr std::array k_infos{
    StrategyInfo{TripleMa::k_name, TripleMa::k_alias,
                 "SMA10 > SMA20 > SMA50 newly aligned; exit SMA10 < SMA20"},
    StrategyInfo{RsiBreakout::k_name, RsiBreakout::k_alias,
                 "RSI14 crosses above 60; exit crosses below 40"},
    StrategyInfo{MacdCrossover::k_name, MacdCrossover::k_alias,
                 "MACD(12,26,9) crosses above signal; exit crosses below"},
    StrategyInfo{BollingerReversal::k_name, BollingerReversal::k_alias,
                 "close back above lower band(20,2); exit close >= middle"},
};

template <typename Concrete, typename Params>
core::Result<std::unique_ptr<Strategy>> build(const config::AssetProfile& profile,
                                              const config::StrategyConfig& config) {
  auto params = Params::from_config(config);
  if (!params) {
    return params.error();
  }
  return std::unique_ptr<Strategy>(std::make_unique<Concrete>(*params, profile));
}

std::string known_names() {
  std::string text;
  for (const auto& info : k_infos) {
    text += text.empty() ? "" : ", ";
    text += std::string(info.name) + " (" + std::string(info.alias) + ")";
  }
  return text;
}

} // namespace

std::span<const StrategyInfo> strategy_infos() {
  return k_infos;
}

std::vector<std::string_view> strategy_names() {
  std::vector<std::string_view> names;
  for (const auto& info : k_infos) {
    names.push_back(info.name);
  }
  return names;
}

core::Result<std::string_view> canonical_strategy_name(std::string_view name_or_alias) {
  for (const auto& info : k_infos) {
    if (name_or_alias == info.name || name_or_alias == info.alias) {
      return info.name;
    }
  }
  return core::Error{"unknown strategy '" + std::string(name_or_alias) +
                         "' (known: " + known_names() + ")",
                     "strategy"};
}

core::Result<std::unique_ptr<Strategy>> make_strategy(std::string_view name_or_alias,
                                                      const config::AssetProfile& profile,
                                                      const config::StrategyConfig& config) {
  const auto name = canonical_strategy_name(name_or_alias);
  if (!name) {
    return name.error();
  }
  if (*name == TripleMa::k_name) {
    return build<TripleMa, TripleMaParams>(profile, config);
  }
  if (*name == RsiBreakout::k_name) {
    return build<RsiBreakout, RsiBreakoutParams>(profile, config);
  }
  if (*name == MacdCrossover::k_name) {
    return build<MacdCrossover, MacdCrossoverParams>(profile, config);
  }
  return build<BollingerReversal, BollingerReversalParams>(profile, config);
}

std::vector<std::unique_ptr<Strategy>> make_strategies(std::span<const std::string> names,
                                                       const config::AssetProfile& profile,
                                                       const config::StrategyConfig& config) {
  std::vector<std::unique_ptr<Strategy>> out;
  for (const auto& name : names) {
    if (auto made = make_strategy(name, profile, config); made) {
      out.push_back(std::move(*made));
    }
  }
  return out;
}

std::size_t longest_feed_bars(const config::AssetProfile& profile,
                              const config::StrategyConfig& config) {
  std::size_t longest = 4 * static_cast<std::size_t>(std::max(0, profile.min_bars_required));
  for (const auto name : strategy_names()) {
    if (auto made = make_strategy(name, profile, config); made) {
      longest = std::max(longest, feed_bars(**made));
    }
  }
  return std::max(longest, k_min_feed_bars);
}

core::Status validate_strategy_params(const config::StrategyConfig& config) {
  for (const auto& [name, values] : config.params) {
    const auto canonical = canonical_strategy_name(name);
    if (!canonical) {
      return core::Error{canonical.error().what, "strategy.params." + name};
    }
  }
  for (const auto& info : k_infos) {
    auto strategy = make_strategy(info.name, config::AssetProfile{}, config);
    if (!strategy) {
      return strategy.error();
    }
  }
  return {};
}

std::vector<std::string_view> strategies_for(core::AssetClass asset_class,
                                             const RankingSource* ranking) {
  std::vector<std::string_view> ordered;
  if (ranking != nullptr) {
    for (const auto& name : ranking->ranked_strategies(asset_class)) {
      const auto canonical = canonical_strategy_name(name);
      if (canonical && std::find(ordered.begin(), ordered.end(), *canonical) == ordered.end()) {
        ordered.push_back(*canonical);
      }
    }
  }
  for (const auto& info : k_infos) {
    if (std::find(ordered.begin(), ordered.end(), info.name) == ordered.end()) {
      ordered.push_back(info.name);
    }
  }
  return ordered;
}

} // namespace crew::strategy
