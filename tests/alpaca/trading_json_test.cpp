#include "alpaca/trading_json.hpp"
#include "payload_checks.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

using test::at;
using test::dec;

TEST(TradingJson, ParsesEverySingleOrderFixture) {
  for (const char* name :
       {"order_by_client_order_id.json", "order_limit_crypto.json", "order_limit_equity.json",
        "order_market_crypto.json", "order_market_equity_accepted.json",
        "order_notional_equity.json", "order_filled_crypto.json", "close_position_intc.json"}) {
    auto order = parse_order(crew::test::read_fixture(name), name);
    ASSERT_TRUE(order) << name << ": " << order.error().message();
    EXPECT_FALSE(order->id.empty()) << name;
    EXPECT_FALSE(order->client_order_id.empty()) << name;
  }
}

TEST(TradingJson, CryptoMarketOrderKeepsSlashSymbolAndDecimalQty) {
  auto order = parse_order(crew::test::read_fixture("order_market_crypto.json"), "t");
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_EQ(order->symbol.str(), "BTC/USD");
  EXPECT_EQ(order->symbol.asset_class(), core::AssetClass::crypto);
  EXPECT_EQ(order->qty, dec("0.0415"));
  EXPECT_EQ(order->filled_qty, core::Decimal{});
  EXPECT_FALSE(order->filled_avg_price.has_value());
  EXPECT_EQ(order->type, core::OrderType::market);
  EXPECT_EQ(order->status, core::OrderStatus::pending_new);
  EXPECT_EQ(order->created_at, at("2024-09-14T03:17:42.815204391Z"));
  EXPECT_EQ(order->submitted_at, at("2024-09-14T03:17:42.811736027Z"));
}

TEST(TradingJson, FilledOrderCutsItsAveragePriceToNineDecimals) {
  auto order = parse_order(crew::test::read_fixture("order_filled_crypto.json"), "t");
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_EQ(order->status, core::OrderStatus::filled);
  EXPECT_EQ(order->side, core::Side::sell);
  EXPECT_EQ(order->filled_qty, dec("0.85"));
  EXPECT_EQ(order->filled_avg_price, dec("2389.471528301"));
  EXPECT_EQ(order->filled_at, at("2024-09-16T21:40:10.640339Z"));
}

TEST(TradingJson, OrderTimestampsWithANewYorkOffsetAreRead) {
  auto order = parse_order(crew::test::read_fixture("order_by_client_order_id.json"), "t");
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_EQ(order->client_order_id, "tc-5e0c41d2-ema-a-INTC-240917T1345");
  EXPECT_EQ(order->created_at, at("2024-09-17T13:45:12.338104Z"));
  EXPECT_EQ(order->status, core::OrderStatus::new_);
  EXPECT_EQ(order->limit_price, dec("21.35"));
  EXPECT_EQ(order->time_in_force, core::TimeInForce::day);
}

TEST(TradingJson, NotionalOrderHasNoQty) {
  auto order = parse_order(crew::test::read_fixture("order_notional_equity.json"), "t");
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_EQ(order->notional, dec("250"));
  EXPECT_TRUE(order->qty.is_zero());
  EXPECT_EQ(order->status, core::OrderStatus::accepted);
}

TEST(TradingJson, ParsesOrderList) {
  auto orders = parse_orders(crew::test::read_fixture("orders_list_status_all.json"), "t");
  ASSERT_TRUE(orders) << orders.error().message();
  ASSERT_EQ(orders->size(), 4U);
  EXPECT_EQ(orders->at(0).status, core::OrderStatus::partially_filled);
  EXPECT_EQ(orders->at(0).filled_qty, dec("2.5"));
  EXPECT_EQ(orders->at(0).symbol.str(), "LTC/USD");
  EXPECT_EQ(orders->at(1).status, core::OrderStatus::filled);
  EXPECT_EQ(orders->at(1).filled_avg_price, dec("151.064"));
  EXPECT_EQ(orders->at(2).status, core::OrderStatus::canceled);
  EXPECT_EQ(orders->at(2).canceled_at, at("2024-09-13T15:02:44.765880Z"));
  EXPECT_EQ(orders->at(3).status, core::OrderStatus::expired);
  EXPECT_EQ(orders->at(3).type, core::OrderType::stop_limit);
  EXPECT_EQ(orders->at(3).stop_price, dec("108.5"));
  EXPECT_TRUE(orders->at(3).expired_at.has_value());
}

TEST(TradingJson, PositionsNormaliseCryptoSymbolToSlashForm) {
  auto crypto = parse_position(crew::test::read_fixture("position_crypto.json"), "t");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_EQ(crypto->symbol.str(), "ETH/USD");
  EXPECT_EQ(crypto->qty, dec("3.418205"));
  EXPECT_EQ(crypto->avg_entry_price, dec("2412.738519362"));
  EXPECT_EQ(crypto->unrealized_pl, dec("-114.63945"));
  auto amd = parse_position(crew::test::read_fixture("position_amd.json"), "t");
  ASSERT_TRUE(amd) << amd.error().message();
  EXPECT_EQ(amd->symbol.str(), "AMD");
  EXPECT_EQ(amd->current_price, dec("152.59"));
  auto held = parse_positions(crew::test::read_fixture("positions.json"), "t");
  ASSERT_TRUE(held) << held.error().message();
  ASSERT_EQ(held->size(), 3U);
  EXPECT_EQ(held->at(1).symbol.str(), "BTC/USD");
  EXPECT_EQ(held->at(1).qty_available, dec("0.021396249")); // the rest is held by an order
  EXPECT_EQ(held->at(2).qty, dec("-15"));                   // a short
  auto usd = parse_positions(crew::test::read_fixture("positions_usd.json"), "t");
  ASSERT_TRUE(usd) << usd.error().message();
  EXPECT_EQ(usd->at(0).qty_available, dec("2")); // absent: all of qty
  for (const char* name : {"positions.json", "positions_usd.json"}) {
    auto list = parse_positions(crew::test::read_fixture(name), name);
    ASSERT_TRUE(list) << name << ": " << list.error().message();
    EXPECT_FALSE(list->empty());
    for (const auto& position : *list) {
      EXPECT_LE(position.qty_available, position.qty) << name;
    }
  }
}

TEST(TradingJson, ParsesEveryAccountFixture) {
  for (const char* name : {"account.json", "account_margin_pdt.json", "account_paper_new.json",
                           "account_trading_blocked.json"}) {
    auto account = parse_account(crew::test::read_fixture(name), name);
    ASSERT_TRUE(account) << name << ": " << account.error().message();
    EXPECT_FALSE(account->id.empty());
    EXPECT_GT(account->multiplier, 0);
  }
  auto current = parse_account(crew::test::read_fixture("account.json"), "t");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->multiplier, 2);
  EXPECT_EQ(current->crypto_tier, 3);
  EXPECT_EQ(current->cash, dec("48213.77"));
  EXPECT_EQ(current->equity, dec("61890.42"));
  EXPECT_EQ(current->last_equity, dec("61544.128830117"));
  EXPECT_FALSE(current->daytrade_count.has_value()); // removed from responses in 2026
  auto margin = parse_account(crew::test::read_fixture("account_margin_pdt.json"), "t");
  ASSERT_TRUE(margin);
  EXPECT_EQ(margin->multiplier, 4);
  EXPECT_EQ(margin->cash, dec("-15422.08"));
  EXPECT_EQ(margin->daytrade_count, 4);
  EXPECT_EQ(margin->pattern_day_trader, true);
  auto paper = parse_account(crew::test::read_fixture("account_paper_new.json"), "t");
  ASSERT_TRUE(paper);
  EXPECT_TRUE(paper->can_trade());
  EXPECT_EQ(paper->non_marginable_buying_power, dec("100000")); // absent: the cash
  auto blocked = parse_account(crew::test::read_fixture("account_trading_blocked.json"), "t");
  ASSERT_TRUE(blocked);
  EXPECT_FALSE(blocked->can_trade());
}

TEST(TradingJson, ParsesFillActivities) {
  auto fills = parse_fill_activities(crew::test::read_fixture("activities_fill.json"), "t");
  ASSERT_TRUE(fills) << fills.error().message();
  ASSERT_EQ(fills->size(), 6U);
  EXPECT_EQ(fills->front().id, "20240916093002114::5b8e8b9d-93e0-4661-96fe-8757e0bf8dd7");
  EXPECT_EQ(fills->front().price, dec("150.98"));
  EXPECT_EQ(fills->front().qty, dec("3")); // a partial fill: this execution only
  EXPECT_EQ(fills->front().side, core::Side::buy);
  EXPECT_EQ(fills->front().time, at("2024-09-16T13:30:02.114583Z"));
  EXPECT_EQ(fills->at(3).symbol.str(), "BTC/USD");
  EXPECT_EQ(fills->at(4).symbol.str(), "ETH/USD"); // legacy ETHUSD
  EXPECT_EQ(fills->at(4).side, core::Side::sell);
  auto single =
      parse_fill_activities(crew::test::read_fixture("activity_fill_with_order_status.json"), "t");
  ASSERT_TRUE(single) << single.error().message();
  ASSERT_EQ(single->size(), 1U);
  EXPECT_EQ(single->front().order_id, "e6e00fca-6fd4-4be8-8c6e-9dda415e1381");
}

TEST(TradingJson, ParsesCryptoFeeActivityInTheCoin) {
  auto fees = parse_fee_activities(crew::test::read_fixture("activity_cfee.json"), "t");
  ASSERT_TRUE(fees) << fees.error().message();
  ASSERT_EQ(fees->size(), 1U);
  EXPECT_EQ(fees->front().symbol.str(), "SOL/USD");
  EXPECT_EQ(fees->front().qty, dec("-0.004375"));
  EXPECT_EQ(fees->front().date, "2024-09-15");
  auto list = parse_fee_activities(crew::test::read_fixture("activities_cfee.json"), "t");
  ASSERT_TRUE(list) << list.error().message();
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ(list->front().symbol.str(), "BTC/USD");
  EXPECT_EQ(list->front().qty, dec("-0.000103751"));
}

TEST(TradingJson, ParsesEveryMultiStatusFixture) {
  for (const char* name : {"cancel_all_orders_207.json", "cancel_all_orders_207_mixed.json",
                           "close_all_positions_207.json", "close_all_positions_207_crypto.json"}) {
    auto entries = parse_multi_status(crew::test::read_fixture(name), name);
    ASSERT_TRUE(entries) << name << ": " << entries.error().message();
    test::expect_multi_status_keyed(*entries, name);
  }
  auto crypto =
      parse_multi_status(crew::test::read_fixture("close_all_positions_207_crypto.json"), "t");
  ASSERT_TRUE(crypto);
  ASSERT_EQ(crypto->size(), 4U);
  EXPECT_EQ(crypto->front().key, "BTCUSD");
  EXPECT_EQ(crypto->front().order->symbol.str(), "BTC/USD");
  EXPECT_EQ(crypto->at(2).status, 403);
  EXPECT_EQ(crypto->at(2).error->code, 40310000);
  EXPECT_EQ(crypto->at(3).error->message, "account is not allowed to short");
  auto mixed =
      parse_multi_status(crew::test::read_fixture("cancel_all_orders_207_mixed.json"), "t");
  ASSERT_TRUE(mixed);
  ASSERT_EQ(mixed->size(), 3U);
  EXPECT_FALSE(mixed->at(0).order.has_value()); // 200 without a body
  EXPECT_FALSE(mixed->at(1).order.has_value()); // 200 with {}
  EXPECT_EQ(mixed->at(2).status, 404);
  EXPECT_EQ(mixed->at(2).error->message, "order not found");
  auto canceled = parse_multi_status(crew::test::read_fixture("cancel_all_orders_207.json"), "t");
  ASSERT_TRUE(canceled);
  EXPECT_EQ(canceled->at(0).key, canceled->at(0).order->id);
  EXPECT_EQ(canceled->at(0).order->status, core::OrderStatus::pending_cancel);
}

TEST(TradingJson, OrderRequestRoundTripsWithDecimalStrings) {
  auto fixture =
      parse_order_request(crew::test::read_fixture("order_request_limit_crypto.json"), "t");
  ASSERT_TRUE(fixture) << fixture.error().message();
  EXPECT_EQ(fixture->symbol.str(), "SOL/USD");
  EXPECT_EQ(fixture->limit_price, dec("132.5"));
  fixture->client_order_id = "crew-1";
  const std::string body = order_request_json(*fixture);
  EXPECT_NE(body.find("\"qty\":\"1.75\""), std::string::npos) << body;
  EXPECT_NE(body.find("\"limit_price\":\"132.5\""), std::string::npos) << body;
  auto back = parse_order_request(body, "t");
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, *fixture);
  auto notional =
      parse_order_request(crew::test::read_fixture("order_request_notional_equity.json"), "t");
  ASSERT_TRUE(notional) << notional.error().message();
  EXPECT_EQ(notional->notional, dec("250"));
  EXPECT_TRUE(notional->qty.is_zero());
  const std::string notional_body = order_request_json(*notional);
  EXPECT_NE(notional_body.find("\"notional\":\"250\""), std::string::npos) << notional_body;
  EXPECT_EQ(notional_body.find("\"qty\""), std::string::npos) << notional_body;
  EXPECT_EQ(parse_order_request(notional_body, "t").value(), *notional);
}

TEST(TradingJson, TradingErrorFixturesHaveCodeAndMessage) {
  auto order = parse_order("{\"id\": 5}", "POST /v2/orders");
  ASSERT_FALSE(order);
  EXPECT_NE(order.error().where.find("POST /v2/orders"), std::string::npos);
  EXPECT_FALSE(parse_positions("{", "t"));
}

} // namespace
} // namespace crew::alpaca
