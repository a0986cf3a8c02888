#include "core/order.hpp"

#include <gtest/gtest.h>

using namespace crew::core;

namespace {

OrderRequest limit_buy() {
  OrderRequest request;
  request.symbol = *classify_symbol("AAPL");
  request.side = Side::buy;
  request.type = OrderType::limit;
  request.time_in_force = TimeInForce::day;
  request.qty = Decimal::from_int(10);
  request.limit_price = *parse_decimal("189.5");
  request.client_order_id = "tc-abc";
  return request;
}

} // namespace

TEST(Order, TextFormsAreAlpacasLowercaseStrings) {
  EXPECT_EQ(to_string(Side::buy), "buy");
  EXPECT_EQ(to_string(OrderType::stop_limit), "stop_limit");
  EXPECT_EQ(to_string(TimeInForce::gtc), "gtc");
  EXPECT_EQ(to_string(OrderStatus::new_), "new");
  EXPECT_EQ(to_string(OrderStatus::partially_filled), "partially_filled");
  EXPECT_EQ(to_string(OrderStatus::done_for_day), "done_for_day");
}

TEST(Order, EveryTextFormParsesBack) {
  for (Side v : k_sides) {
    EXPECT_EQ(*parse_side(to_string(v)), v);
  }
  for (OrderType v : k_order_types) {
    EXPECT_EQ(*parse_order_type(to_string(v)), v);
  }
  for (TimeInForce v : k_times_in_force) {
    EXPECT_EQ(*parse_time_in_force(to_string(v)), v);
  }
  for (OrderStatus v : k_order_statuses) {
    EXPECT_EQ(*parse_order_status(to_string(v)), v);
  }
}

TEST(Order, UnknownTextIsAnErrorNamingIt) {
  const auto side = parse_side("BUY");
  ASSERT_FALSE(side.ok());
  EXPECT_NE(side.error().what.find("'BUY'"), std::string::npos);
  EXPECT_FALSE(parse_order_type("trailing_stop").ok());
  EXPECT_FALSE(parse_time_in_force("").ok());
  EXPECT_FALSE(parse_order_status("intent").ok());
}

TEST(Order, OnlyFinalStatusesAreTerminal) {
  EXPECT_TRUE(is_terminal(OrderStatus::filled));
  EXPECT_TRUE(is_terminal(OrderStatus::canceled));
  EXPECT_TRUE(is_terminal(OrderStatus::expired));
  EXPECT_TRUE(is_terminal(OrderStatus::rejected));
  EXPECT_TRUE(is_terminal(OrderStatus::replaced));
  EXPECT_TRUE(is_open(OrderStatus::new_));
  EXPECT_TRUE(is_open(OrderStatus::pending_new));
  EXPECT_TRUE(is_open(OrderStatus::accepted));
  EXPECT_TRUE(is_open(OrderStatus::partially_filled));
  EXPECT_TRUE(is_open(OrderStatus::pending_cancel));
  EXPECT_TRUE(is_open(OrderStatus::done_for_day));
  EXPECT_EQ(opposite(Side::buy), Side::sell);
}

TEST(Order, ValidRequestPassesShapeChecks) {
  EXPECT_TRUE(validate(limit_buy()).ok());
  OrderRequest notional = limit_buy();
  notional.type = OrderType::market;
  notional.limit_price.reset();
  notional.qty = Decimal{};
  notional.notional = Decimal::from_int(100);
  EXPECT_TRUE(validate(notional).ok());
}

TEST(Order, RequestNeedsExactlyOneOfQtyAndNotional) {
  OrderRequest both = limit_buy();
  both.notional = Decimal::from_int(100);
  EXPECT_FALSE(validate(both).ok());
  OrderRequest neither = limit_buy();
  neither.qty = Decimal{};
  EXPECT_FALSE(validate(neither).ok());
  OrderRequest negative = limit_buy();
  negative.qty = -Decimal::from_int(1);
  EXPECT_FALSE(validate(negative).ok());
}

TEST(Order, RequestPricesMatchItsType) {
  OrderRequest no_limit = limit_buy();
  no_limit.limit_price.reset();
  EXPECT_FALSE(validate(no_limit).ok());
  OrderRequest market_with_limit = limit_buy();
  market_with_limit.type = OrderType::market;
  EXPECT_FALSE(validate(market_with_limit).ok());
  OrderRequest stop = limit_buy();
  stop.type = OrderType::stop;
  stop.limit_price.reset();
  EXPECT_FALSE(validate(stop).ok());
  stop.stop_price = Decimal::from_int(180);
  EXPECT_TRUE(validate(stop).ok());
  OrderRequest stop_limit = limit_buy();
  stop_limit.type = OrderType::stop_limit;
  EXPECT_FALSE(validate(stop_limit).ok());
  stop_limit.stop_price = Decimal::from_int(190);
  EXPECT_TRUE(validate(stop_limit).ok());
}

TEST(Order, ClientOrderIdIsAtMost48Characters) {
  OrderRequest request = limit_buy();
  request.client_order_id = std::string(48, 'a');
  EXPECT_TRUE(validate(request).ok());
  request.client_order_id = std::string(49, 'a');
  EXPECT_FALSE(validate(request).ok());
}

TEST(Order, MadeFromRequestGivesTheRequestBack) {
  const OrderRequest request = limit_buy();
  const UtcTime at = UtcTime::from_seconds(1'700'000'000);
  Order order = make_order(request, at);
  EXPECT_EQ(order.request(), request);
  EXPECT_EQ(order.status, OrderStatus::new_);
  EXPECT_TRUE(order.id.empty());
  EXPECT_EQ(order.submitted_at, at);
  EXPECT_EQ(order.remaining_qty(), Decimal::from_int(10));
  order.filled_qty = Decimal::from_int(4);
  EXPECT_EQ(order.remaining_qty(), Decimal::from_int(6));
}

TEST(Order, FillNotionalIsQtyTimesPrice) {
  Fill fill;
  fill.qty = *parse_decimal("0.5");
  fill.price = *parse_decimal("60000.25");
  EXPECT_EQ(fill.notional(), *parse_decimal("30000.125"));
}

TEST(Order, AccountTradesOnlyWhenActiveAndUnblocked) {
  Account account;
  EXPECT_TRUE(account.can_trade());
  account.trading_blocked = true;
  EXPECT_FALSE(account.can_trade());
  account.trading_blocked = false;
  account.status = "ACCOUNT_CLOSED";
  EXPECT_FALSE(account.can_trade());
}
