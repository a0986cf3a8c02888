#include "state/record_json.hpp"
#include "state/state_fixtures.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;

TEST(TradeJson, KeepsMoneyExactAndNamesBothOrders) {
  const auto json = trade_json(sample::trade("tc-in", "tc-out", "14.999999999", "BTC/USD"));
  EXPECT_EQ(json.at("market"), "CRYPTO");
  EXPECT_EQ(json.at("symbol"), "BTC/USD");
  EXPECT_EQ(json.at("strategy"), "rsi");
  EXPECT_EQ(json.at("entry_time"), "2024-01-03T14:30:00Z");
  EXPECT_EQ(json.at("exit_time"), "2024-01-03T15:30:00Z");
  EXPECT_EQ(json.at("entry_price"), "100");
  EXPECT_EQ(json.at("exit_price"), "101.5");
  EXPECT_EQ(json.at("qty"), "10");
  EXPECT_EQ(json.at("fees"), "0.25");
  EXPECT_EQ(json.at("pnl"), "14.999999999") << "a decimal string, never a rounded double";
  EXPECT_EQ(json.at("exit_reason"), "signal");
  EXPECT_EQ(json.at("entry_client_order_id"), "tc-in");
  EXPECT_EQ(json.at("exit_client_order_id"), "tc-out");
}
