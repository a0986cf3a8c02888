#include "backtest/fee_model.hpp"
#include "backtest/fill_model.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

TEST(FillModel, BuysAboveAndSellsBelowThePriceBySlippage) {
  const FillModel fill{5.0};
  EXPECT_DOUBLE_EQ(fill.buy(100.0), 100.05);
  EXPECT_DOUBLE_EQ(fill.sell(100.0), 99.95);
}

TEST(FillModel, FillsAStopAtTheStopWhenTheBarOpensAboveIt) {
  const FillModel fill{2.0};
  EXPECT_DOUBLE_EQ(fill.stop(101.0, 99.0), 99.0 * (1 - 0.0002));
}

TEST(FillModel, FillsAStopAtTheOpenWhenTheBarGapsThroughIt) {
  const FillModel fill{2.0};
  EXPECT_DOUBLE_EQ(fill.stop(97.0, 99.0), 97.0 * (1 - 0.0002));
}

TEST(FillModel, LeavesPricesAloneWithoutSlippage) {
  const FillModel fill{0.0};
  EXPECT_EQ(fill.buy(123.45), 123.45);
  EXPECT_EQ(fill.sell(123.45), 123.45);
}

TEST(FeeModel, ChargesTheRateOnTheNotional) {
  EXPECT_DOUBLE_EQ(FeeModel{0.0025}.fee(10'000.0), 25.0);
  EXPECT_EQ(FeeModel{0.0}.fee(10'000.0), 0.0);
}

} // namespace
} // namespace crew::backtest
