#include "report/trade_stats.hpp"
#include "report_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace crew;
using namespace crew::report;
using crew::report::test::trade;

TEST(TradeStats, ComputesWinRateProfitFactorAndExtremes) {
  const std::vector<state::TradeRecord> trades = {
      trade("AAPL", "rsi", "100", 60), trade("MSFT", "macd", "-40", 120),
      trade("BTC/USD", "rsi", "-10", 180), trade("ETH/USD", "bb", "50", 240)};
  const auto s = trade_stats("all", trades, 10'000);
  EXPECT_EQ(s.name, "all");
  EXPECT_EQ(s.trades, 4);
  EXPECT_EQ(s.wins, 2);
  EXPECT_DOUBLE_EQ(s.win_rate, 0.5);
  EXPECT_DOUBLE_EQ(s.gross_profit, 150);
  EXPECT_DOUBLE_EQ(s.gross_loss, 50);
  EXPECT_DOUBLE_EQ(s.profit_factor, 3);
  EXPECT_DOUBLE_EQ(s.net_pnl, 100);
  EXPECT_DOUBLE_EQ(s.fees, 2);
  EXPECT_DOUBLE_EQ(s.average_pnl, 25);
  ASSERT_TRUE(s.best && s.worst);
  EXPECT_EQ(s.best->symbol.str(), "AAPL");
  EXPECT_EQ(s.worst->symbol.str(), "MSFT");
}

TEST(TradeStats, DrawdownIsTheLargestFallOfCumulativePnlFromItsPeak) {
  // Cumulative: 100, 60, 50, 100, 20 → peak 100, deepest 20: drawdown 80 of 10 000 + 100.
  const std::vector<state::TradeRecord> trades = {
      trade("AAPL", "rsi", "100", 60), trade("AAPL", "rsi", "-40", 120),
      trade("AAPL", "rsi", "-10", 180), trade("AAPL", "rsi", "50", 240),
      trade("AAPL", "rsi", "-80", 300)};
  const auto s = trade_stats("all", trades, 10'000);
  EXPECT_DOUBLE_EQ(s.max_drawdown, 80);
  EXPECT_DOUBLE_EQ(s.max_drawdown_fraction, 80.0 / 10'100.0);
}

TEST(TradeStats, ALossFromTheStartCountsFromZero) {
  const std::vector<state::TradeRecord> trades = {trade("AAPL", "rsi", "-30", 60)};
  const auto s = trade_stats("all", trades, 1'000);
  EXPECT_DOUBLE_EQ(s.max_drawdown, 30);
  EXPECT_DOUBLE_EQ(s.max_drawdown_fraction, 0.03);
  EXPECT_DOUBLE_EQ(s.profit_factor, 0);
}

TEST(TradeStats, ProfitWithoutLossGivesAnInfiniteProfitFactor) {
  const std::vector<state::TradeRecord> trades = {trade("AAPL", "rsi", "5", 60)};
  EXPECT_TRUE(std::isinf(trade_stats("all", trades, 1'000).profit_factor));
}

TEST(TradeStats, NoTradesGiveZeros) {
  const auto s = trade_stats("all", {}, 1'000);
  EXPECT_EQ(s.trades, 0);
  EXPECT_EQ(s.win_rate, 0);
  EXPECT_EQ(s.profit_factor, 0);
  EXPECT_FALSE(s.best.has_value());
}

TEST(TradeStats, ZeroPnlIsNotAWin) {
  const std::vector<state::TradeRecord> trades = {trade("AAPL", "rsi", "0", 60)};
  EXPECT_EQ(trade_stats("all", trades, 1'000).wins, 0);
}

TEST(TradeStats, GroupsByMarketInAssetClassOrderAndByStrategyAlphabetically) {
  const std::vector<state::TradeRecord> trades = {
      trade("BTC/USD", "rsi", "10", 60), trade("AAPL", "macd", "-5", 120),
      trade("ETH/USD", "bb", "7", 180), trade("MSFT", "rsi", "3", 240)};
  const auto markets = stats_by_market(trades, 1'000);
  ASSERT_EQ(markets.size(), 2U);
  EXPECT_EQ(markets[0].name, "US_EQUITY");
  EXPECT_EQ(markets[0].trades, 2);
  EXPECT_DOUBLE_EQ(markets[0].net_pnl, -2);
  EXPECT_EQ(markets[1].name, "CRYPTO");
  EXPECT_DOUBLE_EQ(markets[1].net_pnl, 17);
  const auto strategies = stats_by_strategy(trades, 1'000);
  ASSERT_EQ(strategies.size(), 3U);
  EXPECT_EQ(strategies[0].name, "bb");
  EXPECT_EQ(strategies[1].name, "macd");
  EXPECT_EQ(strategies[2].name, "rsi");
  EXPECT_EQ(strategies[2].trades, 2);
  EXPECT_EQ(strategies[2].best->symbol.str(), "BTC/USD");
}
