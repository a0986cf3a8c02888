#include "strategy/parameters.hpp"

#include <gtest/gtest.h>

#include <array>

namespace crew::strategy {
namespace {

TEST(Parameters, KeepDefaultsWithoutOverrides) {
  std::array specs{ParameterSpec{"period", 14, true, 1}};
  ASSERT_TRUE(apply_overrides("rsi", "rsi_breakout", config::StrategyConfig{}, specs));
  EXPECT_EQ(as_count(specs[0]), 14u);
}

TEST(Parameters, TakeOverridesFromTheAliasSection) {
  config::StrategyConfig config;
  config.params["rsi_breakout"]["period"] = 21;
  std::array specs{ParameterSpec{"period", 14, true, 1}};
  ASSERT_TRUE(apply_overrides("rsi", "rsi_breakout", config, specs));
  EXPECT_EQ(as_count(specs[0]), 21u);
}

TEST(Parameters, RejectValuesBelowTheMinimum) {
  config::StrategyConfig config;
  config.params["rsi"]["exit_level"] = -1;
  std::array specs{ParameterSpec{"exit_level", 40, false, 0}};
  const auto status = apply_overrides("rsi", "rsi_breakout", config, specs);
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().what.find("exit_level"), std::string::npos);
}

TEST(Parameters, NameTheKeyTheyRefuseAndItsRange) {
  config::StrategyConfig config;
  config.params["rsi_breakout"]["perod"] = 14;
  std::array specs{ParameterSpec{"period", 14, true, 1},
                   ParameterSpec{"entry_level", 60, false, 0, 100}};
  auto status = apply_overrides("rsi", "rsi_breakout", config, specs);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().where, "strategy.params.rsi_breakout.perod");
  config.params.clear();
  config.params["rsi"]["entry_level"] = 150; // an RSI never gets there: the strategy never enters
  status = apply_overrides("rsi", "rsi_breakout", config, specs);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().where, "strategy.params.rsi.entry_level");
  EXPECT_EQ(status.error().what,
            "parameter 'entry_level' of strategy rsi must be a number from 0 to 100, not 150");
}

TEST(Parameters, RejectPeriodsBeyondWhatAProfileMayRequire) {
  // 1e300 bars cannot be counted (the conversion to a count was undefined) nor ever warmed up.
  for (const double huge : {1e300, k_max_period + 1}) {
    config::StrategyConfig config;
    config.params["rsi"]["period"] = huge;
    std::array specs{ParameterSpec{"period", 14, true, 1}};
    const auto status = apply_overrides("rsi", "rsi_breakout", config, specs);
    ASSERT_FALSE(status) << huge;
    EXPECT_NE(status.error().what.find("a whole number from 1 to 100000"), std::string::npos)
        << status.error().what;
  }
  config::StrategyConfig config;
  config.params["rsi"]["period"] = k_max_period;
  std::array specs{ParameterSpec{"period", 14, true, 1}};
  EXPECT_TRUE(apply_overrides("rsi", "rsi_breakout", config, specs));
}

} // namespace
} // namespace crew::strategy
