#include "alpaca/trading_json.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

TEST(TradingJson, ParsesEverySingleOrderFixture) {
  for (const char* name :
       {"order_by_client_order_id.json", "order_limit_crypto.json", "order_limit_equity.json",
        "order_market_crypto.json", "order_market_equity_accepted.json",
        "order_notional_equity.json", "close_position_aapl.json"}) {
    auto order = parse_order(test::read_fixture(name), name);
    ASSERT_TRUE(order) << name << ": " << order.error().message();
    EXPECT_FALSE(order->id.empty()) << name;
    EXPECT_FALSE(order->client_order_id.empty()) << name;
  }
}

TEST(TradingJson, CryptoMarketOrderKeepsSlashSymbolAndDecimalQty) {
  auto order = parse_order(test::read_fixture("order_market_crypto.json"), "t");
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_EQ(order->symbol.str(), "BTC/USD");
  EXPECT_EQ(order->symbol.asset_class(), core::AssetClass::crypto);
  EXPECT_EQ(order->qty, dec("0.0283"));
  EXPECT_EQ(order->filled_qty, core::Decimal{});
  EXPECT_FALSE(order->filled_avg_price.has_value());
  EXPECT_EQ(order->type, core::OrderType::market);
}

TEST(TradingJson, NotionalOrderHasNoQty) {
  auto order = parse_order(test::read_fixture("order_notional_equity.json"), "t");
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_TRUE(order->notional.has_value());
  EXPECT_TRUE(order->qty.is_zero());
}

TEST(TradingJson, ParsesOrderList) {
  auto orders = parse_orders(test::read_fixture("orders_list_status_all.json"), "t");
  ASSERT_TRUE(orders) << orders.error().message();
  EXPECT_EQ(orders->size(), 1U);
}

TEST(TradingJson, PositionsNormaliseCryptoSymbolToSlashForm) {
  auto crypto = parse_position(test::read_fixture("position_crypto.json"), "t");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_EQ(crypto->symbol.str(), "BTC/USD");
  EXPECT_EQ(crypto->qty, dec("2.61937"));
  EXPECT_EQ(crypto->avg_entry_price, dec("19660.573878451"));
  auto aapl = parse_position(test::read_fixture("position_aapl.json"), "t");
  ASSERT_TRUE(aapl) << aapl.error().message();
  EXPECT_EQ(aapl->symbol.str(), "AAPL");
  for (const char* name : {"positions.json", "positions_alpaca_py.json"}) {
    auto list = parse_positions(test::read_fixture(name), name);
    ASSERT_TRUE(list) << name << ": " << list.error().message();
    EXPECT_FALSE(list->empty());
    for (const auto& position : *list) {
      EXPECT_LE(position.qty_available, position.qty) << name;
    }
  }
}

TEST(TradingJson, ParsesEveryAccountFixture) {
  for (const char* name : {"account.json", "account_alpaca_py.json", "account_paper_2020.json"}) {
    auto account = parse_account(test::read_fixture(name), name);
    ASSERT_TRUE(account) << name << ": " << account.error().message();
    EXPECT_FALSE(account->id.empty());
    EXPECT_GT(account->multiplier, 0);
  }
  auto paper = parse_account(test::read_fixture("account_paper_2020.json"), "t");
  ASSERT_TRUE(paper);
  EXPECT_TRUE(paper->can_trade());
}

TEST(TradingJson, ParsesFillActivities) {
  auto fills = parse_fill_activities(test::read_fixture("activities_fill.json"), "t");
  ASSERT_TRUE(fills) << fills.error().message();
  ASSERT_EQ(fills->size(), 8U);
  EXPECT_EQ(fills->front().id, "20200603093014199::486a1a31-4d0c-494b-aaca-afa36477ddb8");
  EXPECT_EQ(fills->front().price, dec("886.55"));
  EXPECT_EQ(fills->front().side, core::Side::sell);
  auto single =
      parse_fill_activities(test::read_fixture("activity_fill_with_order_status.json"), "t");
  ASSERT_TRUE(single) << single.error().message();
  EXPECT_EQ(single->size(), 1U);
}

TEST(TradingJson, ParsesCryptoFeeActivityInTheCoin) {
  auto fees = parse_fee_activities(test::read_fixture("activity_cfee.json"), "t");
  ASSERT_TRUE(fees) << fees.error().message();
  ASSERT_EQ(fees->size(), 1U);
  EXPECT_EQ(fees->front().symbol.str(), "ETH/USD");
  EXPECT_EQ(fees->front().qty, dec("-0.000195"));
}

TEST(TradingJson, ParsesEveryMultiStatusFixture) {
  for (const char* name : {"cancel_all_orders_207.json", "cancel_all_orders_207_mixed.json",
                           "close_all_positions_207.json", "close_all_positions_207_crypto.json"}) {
    auto entries = parse_multi_status(test::read_fixture(name), name);
    ASSERT_TRUE(entries) << name << ": " << entries.error().message();
    EXPECT_FALSE(entries->empty());
    for (const auto& entry : *entries) {
      EXPECT_FALSE(entry.key.empty()) << name;
      if (entry.status != 200) {
        ASSERT_TRUE(entry.error.has_value()) << name;
        EXPECT_FALSE(entry.error->message.empty()) << name;
      }
    }
  }
  auto crypto = parse_multi_status(test::read_fixture("close_all_positions_207_crypto.json"), "t");
  ASSERT_TRUE(crypto);
  EXPECT_EQ(crypto->front().key, "BTCUSD");
  EXPECT_EQ(crypto->front().order->symbol.str(), "BTC/USD");
}

TEST(TradingJson, OrderRequestRoundTripsWithDecimalStrings) {
  auto fixture = parse_order_request(test::read_fixture("order_request_limit_crypto.json"), "t");
  ASSERT_TRUE(fixture) << fixture.error().message();
  EXPECT_EQ(fixture->symbol.str(), "ETH/USD");
  EXPECT_EQ(fixture->limit_price, dec("2100"));
  fixture->client_order_id = "crew-1";
  const std::string body = order_request_json(*fixture);
  EXPECT_NE(body.find("\"qty\":\"0.02\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"limit_price\":\"2100\""), std::string::npos) << body;
  auto back = parse_order_request(body, "t");
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *fixture);
}

TEST(TradingJson, TradingErrorFixturesHaveCodeAndMessage) {
  auto order = parse_order("{\"id\": 5}", "POST /v2/orders");
  ASSERT_FALSE(order);
  EXPECT_NE(order.error().where.find("POST /v2/orders"), std::string::npos);
  EXPECT_FALSE(parse_positions("{", "t"));
}

} // namespace
} // namespace crew::alpaca
