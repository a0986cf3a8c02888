#include "risk/risk_fixtures.hpp"
#include "risk/risk_rules.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::risk;
using namespace crew::risk::sample;

namespace {

std::optional<Refusal> run(std::optional<Refusal> (*rule)(const OrderContext&), const RiskState& s,
                           const core::OrderRequest& r, core::UtcTime at = now()) {
  return rule(make_context(s, r, at, limits()));
}

} // namespace

TEST(OrderChecks, MalformedRequestIsRefused) {
  core::OrderRequest r = buy("AAPL", "1");
  r.type = core::OrderType::limit; // without a limit price
  EXPECT_EQ(run(check_valid_request, state(), r)->rule, "invalid_order");
  EXPECT_FALSE(run(check_valid_request, state(), buy("AAPL", "1")));
}

TEST(OrderChecks, NoOrderIntoAClosedMarket) {
  const auto saturday = *core::parse_rfc3339("2024-01-06T15:00:00Z");
  auto refusal = run(check_market_open, state(), buy("AAPL", "1"), saturday);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "market_closed");
  EXPECT_FALSE(run(check_market_open, state(), buy("BTC/USD", "0.01"), saturday));
  const auto after_close = *core::parse_rfc3339("2024-01-03T21:00:00Z"); // 16:00 New York
  EXPECT_TRUE(run(check_market_open, state(), buy("AAPL", "1"), after_close));
}

TEST(OrderChecks, BlockedAccountCannotTrade) {
  RiskState s = state();
  EXPECT_FALSE(run(check_account_can_trade, s, buy("AAPL", "1")));
  s.account.crypto_status = "INACTIVE";
  EXPECT_FALSE(run(check_account_can_trade, s, buy("AAPL", "1")));
  EXPECT_EQ(run(check_account_can_trade, s, buy("BTC/USD", "0.01"))->rule, "account");
  s.account.trading_blocked = true;
  EXPECT_EQ(run(check_account_can_trade, s, buy("AAPL", "1"))->rule, "account");
}

TEST(OrderChecks, FlaggedSymbolIsRefusedWithTheFiltersReason) {
  RiskState s = state();
  s.flagged_symbols["SPY"] = "pump: +9 ATR spike on 12x volume, then reversal";
  auto refusal = run(check_manipulation, s, buy("SPY", "1"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "manipulation");
  EXPECT_NE(refusal->reason.find("12x volume"), std::string::npos);
}

TEST(OrderChecks, OrderWithoutAnyPriceCannotBeValued) {
  RiskState s = state();
  s.last_prices.erase("AAPL");
  EXPECT_EQ(run(check_price_known, s, buy("AAPL", "1"))->rule, "no_price");
  core::OrderRequest limit = buy("AAPL", "1");
  limit.type = core::OrderType::limit;
  limit.limit_price = dec("180");
  EXPECT_FALSE(run(check_price_known, s, limit));
}

TEST(OrderChecks, CryptoUsesNonMarginableBuyingPower) {
  RiskState s = state();
  s.account.non_marginable_buying_power = dec("1000");
  EXPECT_FALSE(run(check_buying_power, s, buy("AAPL", "10")));       // $1,900 of $200,000
  EXPECT_FALSE(run(check_buying_power, s, buy("BTC/USD", "0.02")));  // $840
  auto refusal = run(check_buying_power, s, buy("BTC/USD", "0.03")); // $1,260
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "buying_power");
  EXPECT_NE(refusal->reason.find("non-marginable"), std::string::npos);
}

TEST(OrderChecks, CryptoBelowTenDollarsIsRefused) {
  EXPECT_FALSE(run(check_min_order_size, state(), buy("BTC/USD", "0.00024"))); // $10.08
  auto refusal = run(check_min_order_size, state(), buy("BTC/USD", "0.0002")); // $8.40
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "min_order_size");
  core::OrderRequest notional = buy("BTC/USD", "0");
  notional.qty = core::Decimal{};
  notional.notional = dec("9.99");
  EXPECT_TRUE(run(check_min_order_size, state(), notional));
}

TEST(OrderChecks, CryptoBelowMinOrderSizeIsRefused) {
  RiskState s = state();
  s.assets["BTC/USD"].min_order_size = dec("0.001");                     // $42 at 42,000
  auto refusal = run(check_min_order_size, s, buy("BTC/USD", "0.0005")); // $21
  ASSERT_TRUE(refusal);
  EXPECT_NE(refusal->reason.find("$42"), std::string::npos) << refusal->reason;
}

TEST(OrderChecks, FractionalEquityNeedsADollar) {
  EXPECT_FALSE(run(check_min_order_size, state(), buy("AAPL", "0.01"))); // $1.90
  EXPECT_TRUE(run(check_min_order_size, state(), buy("AAPL", "0.005"))); // $0.95
}

TEST(OrderChecks, QtyMustBeAMultipleOfTheIncrement) {
  RiskState s = state();
  s.assets["BTC/USD"].min_trade_increment = dec("0.0001");
  EXPECT_FALSE(run(check_increment, s, buy("BTC/USD", "0.0123")));
  EXPECT_EQ(run(check_increment, s, buy("BTC/USD", "0.01234"))->rule, "increment");
  // MSFT has no asset rules: whole shares only. AAPL is fractionable.
  EXPECT_FALSE(run(check_increment, s, buy("MSFT", "3")));
  EXPECT_EQ(run(check_increment, s, buy("MSFT", "2.5"))->rule, "increment");
  EXPECT_FALSE(run(check_increment, s, buy("AAPL", "2.5")));
}
