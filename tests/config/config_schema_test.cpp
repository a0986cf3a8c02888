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
  EXPECT_EQ(check_url("https://paper-api.alpaca.markets"), nullptr);
  EXPECT_NE(check_url("https://x@api.alpaca.markets"), nullptr);
  EXPECT_NE(check_url("https://user:password@paper-api.alpaca.markets"), nullptr);
  EXPECT_NE(check_url("https://paper-api.alpaca.markets\r\nX: y"), nullptr);
  // A webhook may carry credentials in its URL (`crew config` hides them), an Alpaca URL not.
  EXPECT_EQ(check_optional_http_url("https://user:password@hooks.example.com/x"), nullptr);
}

TEST(ConfigSchema, ChecksTheAlertDestinations) {
  EXPECT_EQ(check_optional_http_url(""), nullptr);
  EXPECT_EQ(check_optional_http_url("https://hooks.slack.com/services/T0/B0/x"), nullptr);
  EXPECT_NE(check_optional_http_url("hooks.slack.com"), nullptr);
  EXPECT_EQ(check_optional_smtp_url(""), nullptr);
  EXPECT_EQ(check_optional_smtp_url("smtp://mail.example.com:587"), nullptr);
  EXPECT_EQ(check_optional_smtp_url("smtps://mail.example.com"), nullptr);
  EXPECT_NE(check_optional_smtp_url("http://mail.example.com"), nullptr);
  EXPECT_NE(check_optional_smtp_url("smtp://user:pw@mail.example.com"), nullptr);
  EXPECT_NE(check_optional_smtp_url("smtp://"), nullptr);
  EXPECT_EQ(check_optional_address("crew@example.com"), nullptr);
  EXPECT_NE(check_optional_address("Crew <crew@example.com>"), nullptr);
  EXPECT_NE(check_optional_address("crew@example.com\r\nBcc: x@y.z"), nullptr);
  EXPECT_NE(check_optional_address("crew"), nullptr);
  EXPECT_EQ(check_optional_addresses("a@example.com, b@example.org"), nullptr);
  EXPECT_NE(check_optional_addresses("a@example.com,"), nullptr);
  EXPECT_EQ(check_optional_user("crew"), nullptr);
  EXPECT_NE(check_optional_user("crew\n"), nullptr);
}
