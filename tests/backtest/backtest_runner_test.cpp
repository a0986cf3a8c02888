#include "backtest/backtest_runner.hpp"
#include "backtest/bar_builder.hpp"
#include "strategy/registry.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

BacktestSettings crypto_settings(const config::Config& config) {
  return make_settings(config, core::AssetClass::crypto, core::Timeframe::hour1).value();
}

TEST(BacktestRunner, RunsEveryRegisteredStrategyByNameOrAlias) {
  const auto config = config::default_config();
  const auto bars = test::random_walk(3'000);
  for (const auto& info : strategy::strategy_infos()) {
    for (const std::string_view name : {info.name, info.alias}) {
      const auto run = run_strategy_backtest(name, bars, crypto_settings(config), config);
      ASSERT_TRUE(run.ok()) << name;
      EXPECT_EQ(run->strategy, info.name);
      EXPECT_EQ(run->input.bars.size(), bars.size());
      EXPECT_EQ(run->metrics.trades, run->result.trades.size());
      EXPECT_FALSE(run->parameters.empty());
    }
  }
}

TEST(BacktestRunner, TheConcreteLoopMatchesTheInterfaceLoopExactly) {
  const auto config = config::default_config();
  const auto settings = crypto_settings(config);
  const auto input = prepare_bars(test::random_walk(3'000, 11), settings);
  for (const auto name : strategy::strategy_names()) {
    const auto concrete = run_prepared_backtest(name, input, settings, config);
    ASSERT_TRUE(concrete.ok());
    auto made = strategy::make_strategy(name, config.crypto, config.strategy);
    ASSERT_TRUE(made.ok());
    strategy::Strategy& base = **made;
    const auto virtual_result = run_backtest(base, input, settings);
    EXPECT_EQ(concrete->result.equity, virtual_result.equity) << name;
    EXPECT_EQ(concrete->result.trades.size(), virtual_result.trades.size()) << name;
  }
}

TEST(BacktestRunner, RefusesAnUnknownStrategy) {
  const auto config = config::default_config();
  const auto run =
      run_strategy_backtest("4ma", test::random_walk(10), crypto_settings(config), config);
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.error().message().find("4ma"), std::string::npos);
}

TEST(BacktestRunner, FormatsParametersAsNameEqualsValue) {
  EXPECT_EQ(format_parameters({{"fast_period", 10}, {"entry_level", 60.5}}),
            "fast_period=10, entry_level=60.5");
}

} // namespace
} // namespace crew::backtest
