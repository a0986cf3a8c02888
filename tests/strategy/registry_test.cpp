#include "strategy/registry.hpp"
#include "strategy/triple_ma.hpp"

#include <gtest/gtest.h>

#include <map>

namespace crew::strategy {
namespace {

TEST(Registry, ListsTheFourStrategiesInDefaultOrder) {
  EXPECT_EQ(strategy_names(), (std::vector<std::string_view>{"3ma", "rsi", "macd", "bb"}));
}

TEST(Registry, ResolvesNamesAndAliases) {
  const std::map<std::string_view, std::string_view> expected{
      {"3ma", "3ma"},   {"triple_ma", "3ma"},
      {"rsi", "rsi"},   {"rsi_breakout", "rsi"},
      {"macd", "macd"}, {"macd_crossover", "macd"},
      {"bb", "bb"},     {"bollinger_bands_reversal", "bb"}};
  for (const auto& [input, name] : expected) {
    const auto canonical = canonical_strategy_name(input);
    ASSERT_TRUE(canonical) << input;
    EXPECT_EQ(*canonical, name);
    const auto strategy = make_strategy(input, config::AssetProfile{}, config::StrategyConfig{});
    ASSERT_TRUE(strategy) << input;
    EXPECT_EQ((*strategy)->name(), name);
  }
}

TEST(Registry, RejectsAnUnknownStrategyNamingIt) {
  const auto strategy = make_strategy("4ma", config::AssetProfile{}, config::StrategyConfig{});
  ASSERT_FALSE(strategy);
  EXPECT_NE(strategy.error().what.find("unknown strategy '4ma'"), std::string::npos);
  EXPECT_NE(strategy.error().what.find("triple_ma"), std::string::npos);
}

TEST(Registry, AppliesParameterOverridesFromTheConfiguration) {
  config::StrategyConfig config;
  config.params["rsi"]["entry_level"] = 65;
  config.params["triple_ma"]["slow_period"] = 60;
  const auto rsi = make_strategy("rsi_breakout", config::AssetProfile{}, config);
  ASSERT_TRUE(rsi);
  EXPECT_EQ((*rsi)->parameters()[1].name, "entry_level");
  EXPECT_EQ((*rsi)->parameters()[1].value, 65);
  const auto sma = make_strategy("3ma", config::AssetProfile{}, config);
  ASSERT_TRUE(sma);
  EXPECT_EQ((*sma)->parameters()[2].value, 60);
  EXPECT_EQ((*sma)->warmup_bars(), 60u);
}

TEST(Registry, CanonicalSectionWinsOverTheAlias) {
  config::StrategyConfig config;
  config.params["triple_ma"]["fast_period"] = 5;
  config.params["3ma"]["fast_period"] = 7;
  const auto params = TripleMaParams::from_config(config);
  ASSERT_TRUE(params);
  EXPECT_EQ(params->fast_period, 7u);
}

TEST(Registry, RejectsUnknownParameterNamesNamingThem) {
  config::StrategyConfig config;
  config.params["macd"]["fast"] = 10;
  const auto strategy = make_strategy("macd", config::AssetProfile{}, config);
  ASSERT_FALSE(strategy);
  EXPECT_NE(strategy.error().what.find("unknown parameter 'fast' for strategy macd"),
            std::string::npos);
  EXPECT_NE(strategy.error().what.find("fast_period"), std::string::npos);
  EXPECT_EQ(strategy.error().where, "strategy.params.macd.fast");
}

TEST(Registry, RejectsFractionalOrNonPositivePeriods) {
  config::StrategyConfig config;
  config.params["bb"]["period"] = 2.5;
  EXPECT_FALSE(make_strategy("bb", config::AssetProfile{}, config));
  config.params["bb"]["period"] = 0;
  EXPECT_FALSE(make_strategy("bb", config::AssetProfile{}, config));
  config.params["bb"]["period"] = 10;
  config.params["bb"]["num_std"] = 1.5;
  EXPECT_TRUE(make_strategy("bb", config::AssetProfile{}, config));
}

TEST(Registry, ValidatesEveryParameterSection) {
  config::StrategyConfig config;
  EXPECT_TRUE(validate_strategy_params(config));
  config.params["rsi"]["period"] = 10;
  EXPECT_TRUE(validate_strategy_params(config));
  config.params["momentum"]["period"] = 10;
  const auto status = validate_strategy_params(config);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().where, "strategy.params.momentum");
}

TEST(Registry, ReadsTheProfileFromTheAssetClass) {
  const auto config = config::Config{};
  config::AssetProfile crypto;
  crypto.min_bars_required = 100;
  crypto.atr_periods = 20;
  const auto strategy = make_strategy("rsi", crypto, config.strategy);
  ASSERT_TRUE(strategy);
  EXPECT_EQ((*strategy)->warmup_bars(), 100u);
}

class FixedRanking : public RankingSource {
public:
  std::vector<std::string> ranked_strategies(core::AssetClass asset_class) const override {
    if (asset_class == core::AssetClass::crypto) {
      return {"bollinger_bands_reversal", "macd", "nonsense", "bb"};
    }
    return {};
  }
};

TEST(Registry, RanksByTheLatestBacktestElseDefaultOrder) {
  const FixedRanking ranking;
  EXPECT_EQ(strategies_for(core::AssetClass::crypto, &ranking),
            (std::vector<std::string_view>{"bb", "macd", "3ma", "rsi"}));
  EXPECT_EQ(strategies_for(core::AssetClass::us_equity, &ranking),
            (std::vector<std::string_view>{"3ma", "rsi", "macd", "bb"}));
  EXPECT_EQ(strategies_for(core::AssetClass::crypto, nullptr),
            (std::vector<std::string_view>{"3ma", "rsi", "macd", "bb"}));
}

} // namespace
} // namespace crew::strategy
