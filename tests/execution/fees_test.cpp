// The fee rule: Alpaca takes a crypto buy's fee in the coin, a sale's in USD; equities pay none.
#include "execution/fees.hpp"

#include <gtest/gtest.h>

namespace crew::execution {
namespace {

TEST(FeeRule, ACryptoBuyPaysTheNotionalAndReceivesFewerCoins) {
  const FeeRule rule = fee_rule(core::AssetClass::crypto, 0.0025);
  const BuyFill fill = rule.buy(2.0, 50'000.0);
  EXPECT_DOUBLE_EQ(fill.cash_paid, 100'000.0);
  EXPECT_DOUBLE_EQ(fill.qty_received, 1.995);
  EXPECT_DOUBLE_EQ(fill.fee_value, 250.0);
}

TEST(FeeRule, ACashFeeIsAddedToWhatTheBuyPays) {
  const FeeRule rule{0.001, false};
  const BuyFill fill = rule.buy(10.0, 100.0);
  EXPECT_DOUBLE_EQ(fill.cash_paid, 1'001.0);
  EXPECT_EQ(fill.qty_received, 10.0);
  EXPECT_DOUBLE_EQ(fill.fee_value, 1.0);
}

TEST(FeeRule, ASaleReceivesTheNotionalLessTheFee) {
  const SellFill fill = fee_rule(core::AssetClass::crypto, 0.0025).sell(1.995, 52'000.0);
  EXPECT_DOUBLE_EQ(fill.fee_value, 1.995 * 52'000.0 * 0.0025);
  EXPECT_DOUBLE_EQ(fill.cash_received, 1.995 * 52'000.0 * 0.9975);
}

TEST(FeeRule, EquitiesPayNothingAtRateZero) {
  const FeeRule rule = fee_rule(core::AssetClass::us_equity, 0.0);
  EXPECT_FALSE(rule.in_coin);
  EXPECT_EQ(rule.buy(10, 100).cash_paid, 1'000.0);
  EXPECT_EQ(rule.sell(10, 100).cash_received, 1'000.0);
}

TEST(RoundTripPnl, IsTheCashTheTripMadeWhenTheBuyFeeIsInTheCoin) {
  // The entry fee must be counted once: in the fees, not also in a cost-per-coin entry price.
  const FeeRule rule = fee_rule(core::AssetClass::crypto, 0.0025);
  const BuyFill buy = rule.buy(2.0, 50'000.0);
  const SellFill sell = rule.sell(buy.qty_received, 52'000.0);
  const double cash_made = sell.cash_received - buy.cash_paid;
  EXPECT_NEAR(round_trip_pnl(buy.qty_received, 50'000.0, 52'000.0, buy.fee_value + sell.fee_value),
              cash_made, 1e-9);
}

} // namespace
} // namespace crew::execution
