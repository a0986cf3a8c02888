#include "config/config_schema.hpp"

#include <gtest/gtest.h>

using namespace crew::config::schema;

TEST(ConfigSchema, KnowsTheStrategyNamesAndAliases) {
  EXPECT_EQ(canonical_strategy_name("3ma"), "3ma");
  EXPECT_EQ(canonical_strategy_name("triple_ma"), "3ma");
  EXPECT_EQ(canonical_strategy_name("rsi_breakout"), "rsi");
  EXPECT_EQ(canonical_strategy_name("macd_crossover"), "macd");
  EXPECT_EQ(canonical_strategy_name("bollinger_bands_reversal"), "bb");
  EXPECT_TRUE(canonical_strategy_name("RSI").empty());
  EXPECT_TRUE(canonical_strategy_name("momentum").empty());
}

TEST(ConfigSchema, ChecksTheChoicesOfTextKeys) {
  EXPECT_EQ(check_hold_or_close("hold"), nullptr);
  EXPECT_EQ(check_hold_or_close("close"), nullptr);
  EXPECT_NE(check_hold_or_close("sell"), nullptr);
  EXPECT_EQ(check_feed("sip"), nullptr);
  EXPECT_NE(check_feed("IEX"), nullptr);
  EXPECT_EQ(check_adjustment("raw"), nullptr);
  EXPECT_EQ(check_adjustment("split,dividend"), nullptr);
  EXPECT_NE(check_adjustment("split,"), nullptr);
  EXPECT_NE(check_adjustment(""), nullptr);
  EXPECT_NE(check_path(""), nullptr);
  EXPECT_EQ(check_path("/var/lib/crew"), nullptr);
  EXPECT_NE(check_url("localhost:8080"), nullptr);
}
