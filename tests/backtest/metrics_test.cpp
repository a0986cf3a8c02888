// Each metric against a computation done by hand (the numbers in comments).
#include "backtest/bar_builder.hpp"
#include "backtest/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace crew::backtest {
namespace {

const std::vector<double> k_equity = {101.0, 99.0, 102.0}; // from 100

TEST(Metrics, ComputesTheFirstReturnAgainstTheInitialEquity) {
  const auto returns = per_bar_returns(k_equity, 100.0);
  ASSERT_EQ(returns.size(), 3U);
  EXPECT_DOUBLE_EQ(returns[0], 101.0 / 100.0 - 1.0);
  EXPECT_DOUBLE_EQ(returns[1], 99.0 / 101.0 - 1.0);
  EXPECT_DOUBLE_EQ(returns[2], 102.0 / 99.0 - 1.0);
}

TEST(Metrics, MeasuresDrawdownFromThePeakIncludingTheInitialEquity) {
  EXPECT_DOUBLE_EQ(max_drawdown(k_equity, 100.0), 2.0 / 101.0);
  const std::vector<double> falling = {90.0, 95.0, 80.0, 120.0};
  EXPECT_DOUBLE_EQ(max_drawdown(falling, 100.0), 0.2);
  const std::vector<double> rising = {100.0, 101.0};
  EXPECT_EQ(max_drawdown(rising, 100.0), 0.0);
}

TEST(Metrics, AnnualisesSharpeWithTheSampleStandardDeviation) {
  // Returns 0.01, −0.019802, 0.030303: mean 0.0068337, sample sd 0.0252021.
  const auto returns = per_bar_returns(k_equity, 100.0);
  EXPECT_NEAR(sharpe_ratio(returns, 8760.0),
              0.0068336833683368 / 0.0252021266976925 * std::sqrt(8760.0), 1e-9);
  EXPECT_NEAR(sharpe_ratio(returns, 8760.0), 25.3787200365405, 1e-9);
}

TEST(Metrics, AnnualisesSortinoWithTheRootMeanSquareOfNegativeReturnsOverAllBars) {
  // Downside = √(0.019802² / 3) = 0.0114327.
  const auto returns = per_bar_returns(k_equity, 100.0);
  EXPECT_NEAR(sortino_ratio(returns, 8760.0), 55.94469505234187, 1e-9);
}

TEST(Metrics, GivesZeroOrInfiniteRatiosWhenADenominatorIsZero) {
  const std::vector<double> flat = {0.0, 0.0, 0.0};
  EXPECT_EQ(sharpe_ratio(flat, 8760.0), 0.0);
  EXPECT_EQ(sortino_ratio(flat, 8760.0), 0.0);
  const std::vector<double> gains = {0.01, 0.02};
  EXPECT_EQ(sortino_ratio(gains, 8760.0), std::numeric_limits<double>::infinity());
  const std::vector<double> one = {0.01};
  EXPECT_EQ(sharpe_ratio(one, 8760.0), 0.0);
}

TEST(Metrics, CompoundsAnnualGrowthOverTheCalendarSpan) {
  const auto two_years = std::chrono::duration_cast<core::Duration>(std::chrono::hours(24) * 730.5);
  EXPECT_NEAR(compound_annual_growth(100.0, 121.0, two_years), 0.1, 1e-12);
  EXPECT_EQ(compound_annual_growth(100.0, 0.0, two_years), -1.0);
}

Trade trade_with(double pnl, double fees, double notional) {
  Trade trade;
  trade.qty = 1.0;
  trade.entry_price = notional;
  trade.pnl = pnl;
  trade.fees = fees;
  return trade;
}

TEST(Metrics, SummarisesTradesNetOfFees) {
  const auto bars = test::make_bars(
      {{100, 101, 99, 100}, {100, 101, 99, 100}, {100, 106, 99, 105}, {105, 106, 99, 110}});
  BacktestSettings settings;
  settings.initial_equity = 1'000.0;
  PreparedBars input{bars, {}, {}};
  BacktestResult result;
  // A win, a loss, and a trade that made 0 after fees (not a win).
  result.trades = {trade_with(300.0, 2.0, 1'000.0), trade_with(-100.0, 2.0, 500.0),
                   trade_with(0.0, 2.0, 1'000.0)};
  result.equity = {1'000.0, 1'300.0, 1'200.0, 1'200.0};
  result.exposed_bars = 3;
  result.final_equity = 1'200.0;
  const Metrics m = compute_metrics(result, input, settings);
  EXPECT_EQ(m.trades, 3U);
  EXPECT_EQ(m.bars, 4U);
  EXPECT_DOUBLE_EQ(m.win_rate, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.profit_factor, 3.0);
  EXPECT_DOUBLE_EQ(m.gross_profit, 300.0);
  EXPECT_DOUBLE_EQ(m.gross_loss, 100.0);
  EXPECT_DOUBLE_EQ(m.total_fees, 6.0);
  EXPECT_DOUBLE_EQ(m.avg_trade, (0.3 - 0.2 + 0.0) / 3.0);
  EXPECT_DOUBLE_EQ(m.avg_trade_pnl, 200.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.total_return, 0.2);
  EXPECT_DOUBLE_EQ(m.max_drawdown, 100.0 / 1'300.0);
  EXPECT_DOUBLE_EQ(m.exposure, 0.75);
  EXPECT_DOUBLE_EQ(m.buy_hold_return, 110.0 / 100.0 - 1.0); // first open, last close
  EXPECT_DOUBLE_EQ(m.final_equity, 1'200.0);
  // Four hourly bars span 4 hours: (1.2)^(1/years) − 1 is enormous but finite.
  EXPECT_GT(m.cagr, 1.0);
}

TEST(Metrics, ReportsAnInfiniteProfitFactorWithoutLossesAndZeroWithoutTrades) {
  const auto bars = test::make_bars({{100, 101, 99, 100}});
  BacktestSettings settings;
  PreparedBars input{bars, {}, {}};
  BacktestResult result;
  result.equity = {settings.initial_equity};
  result.final_equity = settings.initial_equity;
  Metrics m = compute_metrics(result, input, settings);
  EXPECT_EQ(m.profit_factor, 0.0);
  EXPECT_EQ(m.win_rate, 0.0);
  EXPECT_EQ(m.avg_trade, 0.0);
  result.trades = {trade_with(10.0, 0.0, 100.0)};
  m = compute_metrics(result, input, settings);
  EXPECT_EQ(m.profit_factor, std::numeric_limits<double>::infinity());
}

} // namespace
} // namespace crew::backtest
