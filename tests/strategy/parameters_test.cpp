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

} // namespace
} // namespace crew::strategy
