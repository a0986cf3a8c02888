#include "backtest/strategy_ranking.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

BatchRow row(const std::string& symbol, const std::string& strategy, double sharpe,
             double total_return, std::size_t trades = 10) {
  BatchRow r{core::classify_symbol(symbol).value(), strategy, {}, {}};
  r.metrics.sharpe = sharpe;
  r.metrics.total_return = total_return;
  r.metrics.trades = trades;
  r.metrics.win_rate = 0.5;
  return r;
}

TEST(StrategyRanking, OrdersStrategiesByMeanSharpeOverSymbols) {
  const std::vector<BatchRow> rows = {
      row("BTC/USD", "3ma", 1.0, 0.10), row("ETH/USD", "3ma", 0.0, 0.02),
      row("BTC/USD", "rsi", 0.8, 0.05), row("ETH/USD", "rsi", 0.6, 0.01),
      row("BTC/USD", "bb", 0.7, 0.30),  row("ETH/USD", "bb", 0.6, 0.30),
      row("AAPL", "3ma", 9.0, 9.0), // another asset class: ignored
  };
  const auto ranking = rank_strategies(core::AssetClass::crypto, core::Timeframe::hour1, rows);
  ASSERT_EQ(ranking.entries.size(), 3U);
  // Means: rsi 0.7, bb 0.65, 3ma 0.5.
  EXPECT_EQ(ranking.entries[0].strategy, "rsi");
  EXPECT_EQ(ranking.entries[1].strategy, "bb");
  EXPECT_EQ(ranking.entries[2].strategy, "3ma");
  EXPECT_EQ(ranking.entries[0].symbols, 2U);
  EXPECT_DOUBLE_EQ(ranking.entries[0].mean_sharpe, 0.7);
}

TEST(StrategyRanking, BreaksSharpeTiesByTotalReturnAndLeavesOutFailedRows) {
  std::vector<BatchRow> rows = {row("BTC/USD", "rsi", 0.5, 0.01), row("BTC/USD", "bb", 0.5, 0.2),
                                row("BTC/USD", "macd", 3.0, 1.0)};
  rows[2].error = "failed";
  const auto ranking = rank_strategies(core::AssetClass::crypto, core::Timeframe::hour1, rows);
  ASSERT_EQ(ranking.entries.size(), 2U);
  EXPECT_EQ(ranking.entries[0].strategy, "bb");
  EXPECT_EQ(ranking.entries[1].strategy, "rsi");
}

TEST(RankingFile, StoresEachAssetClassAndReadsItBack) {
  test::TempDir dir;
  const RankingFile file(RankingFile::default_path(dir.path() / "data"));
  EXPECT_TRUE(file.ranked_strategies(core::AssetClass::crypto).empty());
  const std::vector<BatchRow> rows = {row("BTC/USD", "macd", 1.0, 0.1),
                                      row("BTC/USD", "3ma", 0.5, 0.1), row("AAPL", "bb", 2.0, 0.1)};
  const auto crypto = rank_strategies(core::AssetClass::crypto, core::Timeframe::hour1, rows);
  const auto equity = rank_strategies(core::AssetClass::us_equity, core::Timeframe::min15, rows);
  ASSERT_TRUE(file.save(crypto).ok());
  ASSERT_TRUE(file.save(equity).ok());
  const auto loaded = file.load(core::AssetClass::crypto);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ(**loaded, crypto);
  EXPECT_EQ(file.ranked_strategies(core::AssetClass::crypto),
            (std::vector<std::string>{"macd", "3ma"}));
  EXPECT_EQ(file.ranked_strategies(core::AssetClass::us_equity), (std::vector<std::string>{"bb"}));
}

TEST(RankingFile, ReportsAGarbledFile) {
  test::TempDir dir;
  const auto path = dir.write("strategy_rankings.json", "[1, 2");
  const RankingFile file(path);
  EXPECT_FALSE(file.load(core::AssetClass::crypto).ok());
  EXPECT_TRUE(file.ranked_strategies(core::AssetClass::crypto).empty());
}

TEST(RankingFile, FeedsTheRegistrysOrder) {
  test::TempDir dir;
  const RankingFile file(dir / "strategy_rankings.json");
  ASSERT_TRUE(file.save(rank_strategies(core::AssetClass::crypto, core::Timeframe::hour1,
                                        std::vector<BatchRow>{row("BTC/USD", "bb", 1.0, 0.1)}))
                  .ok());
  const auto order = strategy::strategies_for(core::AssetClass::crypto, &file);
  ASSERT_FALSE(order.empty());
  EXPECT_EQ(order.front(), "bb");
}

} // namespace
} // namespace crew::backtest
