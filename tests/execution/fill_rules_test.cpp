// The fill rules shared by the backtester and SimBroker (docs/backtest-fills.md).
#include "execution/fill_rules.hpp"

#include <gtest/gtest.h>

namespace crew::execution {
namespace {

using core::OrderType;
using core::Side;

core::Bar bar(double open, double high, double low, double close) {
  return core::Bar{core::UtcTime::from_ns(0), open, high, low, close, 1.0, 1, close};
}

TEST(Slippage, BuysAboveAndSellsBelowThePrice) {
  const Slippage slip{5.0};
  EXPECT_DOUBLE_EQ(slip.buy(100.0), 100.05);
  EXPECT_DOUBLE_EQ(slip.sell(100.0), 99.95);
  EXPECT_EQ(Slippage{}.buy(123.45), 123.45);
}

TEST(Cross, MarketOrdersFillAtTheOpenLessSlippage) {
  const Slippage slip{10.0};
  EXPECT_DOUBLE_EQ(cross({OrderType::market, Side::buy}, bar(100, 105, 95, 101), slip).price,
                   100.1);
  EXPECT_DOUBLE_EQ(cross({OrderType::market, Side::sell}, bar(100, 105, 95, 101), slip).price,
                   99.9);
}

TEST(Cross, ASellStopFillsAtTheStopOrTheOpenOfAGap) {
  const Slippage slip{2.0};
  const RestingOrder stop{OrderType::stop, Side::sell, 0.0, 99.0};
  EXPECT_FALSE(cross(stop, bar(101, 102, 99.5, 100), slip).fills);
  EXPECT_DOUBLE_EQ(cross(stop, bar(101, 102, 98, 100), slip).price, 99.0 * (1 - 0.0002));
  EXPECT_DOUBLE_EQ(cross(stop, bar(97, 98, 96, 97), slip).price, 97.0 * (1 - 0.0002));
  // Touching the stop is reaching it.
  EXPECT_TRUE(cross(stop, bar(101, 102, 99, 100), slip).fills);
}

TEST(Cross, LimitsFillAtTheLimitOrABetterOpenWithoutSlippage) {
  const Slippage slip{50.0};
  const RestingOrder buy{OrderType::limit, Side::buy, 100.0};
  EXPECT_FALSE(cross(buy, bar(102, 103, 100.01, 101), slip).fills);
  EXPECT_EQ(cross(buy, bar(102, 103, 99, 101), slip).price, 100.0);
  EXPECT_EQ(cross(buy, bar(98, 103, 97, 101), slip).price, 98.0);
  const RestingOrder sell{OrderType::limit, Side::sell, 100.0};
  EXPECT_EQ(cross(sell, bar(98, 101, 97, 99), slip).price, 100.0);
  EXPECT_EQ(cross(sell, bar(103, 104, 97, 99), slip).price, 103.0);
}

TEST(Cross, AStopLimitSellFillsAtTheStopNotAtItsLowerLimit) {
  // Triggered at the stop, the limit order is marketable: it sells at the stop (less slippage),
  // as a stop order would, the limit only bounding how far below it may go.
  const Slippage slip{10.0};
  const RestingOrder order{OrderType::stop_limit, Side::sell, 97.0, 99.0};
  EXPECT_FALSE(cross(order, bar(101, 102, 99.5, 100), slip).fills);
  EXPECT_DOUBLE_EQ(cross(order, bar(101, 102, 98, 100), slip).price, 99.0 * 0.999);
  // Gapped to 98: sells at the open.
  EXPECT_DOUBLE_EQ(cross(order, bar(98, 98.5, 96, 97), slip).price, 98.0 * 0.999);
  // Slippage never takes it past the limit.
  const RestingOrder tight{OrderType::stop_limit, Side::sell, 98.95, 99.0};
  EXPECT_DOUBLE_EQ(cross(tight, bar(101, 102, 98, 100), slip).price, 98.95);
}

TEST(Cross, AStopLimitSellGappedPastItsLimitWaitsForTheLimit) {
  const RestingOrder order{OrderType::stop_limit, Side::sell, 97.0, 99.0};
  EXPECT_FALSE(cross(order, bar(95, 96.5, 94, 96), Slippage{}).fills);
  EXPECT_EQ(cross(order, bar(95, 97.5, 94, 96), Slippage{}).price, 97.0);
}

TEST(Cross, AStopLimitBuyIsTheMirror) {
  const RestingOrder order{OrderType::stop_limit, Side::buy, 103.0, 101.0};
  EXPECT_FALSE(cross(order, bar(99, 100.5, 98, 100), Slippage{}).fills);
  EXPECT_EQ(cross(order, bar(99, 102, 98, 100), Slippage{}).price, 101.0);
  EXPECT_EQ(cross(order, bar(102, 104, 101.5, 103), Slippage{}).price, 102.0);
  EXPECT_FALSE(cross(order, bar(105, 106, 104, 105), Slippage{}).fills);
}

TEST(ProtectiveStop, IsAStopForEquitiesAndAStopLimitForCrypto) {
  const RestingOrder equity = protective_stop(core::AssetClass::us_equity, 95.0, 0.02);
  EXPECT_EQ(equity.type, OrderType::stop);
  EXPECT_EQ(equity.side, Side::sell);
  EXPECT_EQ(equity.stop, 95.0);
  const RestingOrder crypto = protective_stop(core::AssetClass::crypto, 100.0, 0.02);
  EXPECT_EQ(crypto.type, OrderType::stop_limit);
  EXPECT_EQ(crypto.stop, 100.0);
  EXPECT_DOUBLE_EQ(crypto.limit, 98.0);
}

} // namespace
} // namespace crew::execution
