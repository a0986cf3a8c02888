#include "backtest/strategy_order.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace crew::backtest {
namespace {

BatchRow row(const std::string& symbol, const std::string& strategy, double sharpe) {
  BatchRow r{core::classify_symbol(symbol).value(), strategy, {}, {}};
  r.metrics.sharpe = sharpe;
  r.metrics.trades = 10;
  return r;
}

using Names = std::vector<std::string>;

TEST(StrategyOrder, FollowsTheStoredRankingOfTheMarket) {
  test::TempDir dir;
  const RankingFile file(RankingFile::default_path(dir.path()));
  // bb best, then macd, then 3ma; rsi was not ranked (it comes last, in the default order).
  const std::vector<BatchRow> rows = {row("BTC/USD", "macd", 1.0), row("BTC/USD", "bb", 2.0),
                                      row("BTC/USD", "3ma", 0.5)};
  ASSERT_TRUE(file.save(rank_strategies(core::AssetClass::crypto, core::Timeframe::hour1, rows)));
  const auto order = strategy_order(core::AssetClass::crypto, file);
  EXPECT_TRUE(order.ranked);
  EXPECT_EQ(order.names, (Names{"bb", "macd", "3ma", "rsi"}));
  EXPECT_NE(order.source.find("stored ranking"), std::string::npos) << order.source;
  EXPECT_NE(order.source.find("1Hour"), std::string::npos) << order.source;
  EXPECT_EQ(describe(order).rfind("CRYPTO strategies: bb, macd, 3ma, rsi (stored ranking", 0), 0u)
      << describe(order);
  // The other market has no ranking: the default order, saying so.
  const auto equity = strategy_order(core::AssetClass::us_equity, file);
  EXPECT_FALSE(equity.ranked);
  EXPECT_EQ(equity.names, (Names{"3ma", "rsi", "macd", "bb"}));
  EXPECT_NE(equity.source.find("default order: no US_EQUITY ranking stored"), std::string::npos)
      << equity.source;
}

TEST(StrategyOrder, FallsBackToTheDefaultOrderSayingWhyWhenTheFileIsMissingOrBroken) {
  test::TempDir dir;
  const RankingFile file(RankingFile::default_path(dir.path()));
  const auto none = strategy_order(core::AssetClass::crypto, file);
  EXPECT_FALSE(none.ranked);
  EXPECT_EQ(none.names, (Names{"3ma", "rsi", "macd", "bb"}));
  EXPECT_NE(none.source.find("no CRYPTO ranking stored"), std::string::npos) << none.source;

  std::ofstream(file.path()) << "{not json";
  const auto broken = strategy_order(core::AssetClass::crypto, file);
  EXPECT_FALSE(broken.ranked);
  EXPECT_EQ(broken.names, (Names{"3ma", "rsi", "macd", "bb"}));
  EXPECT_NE(broken.source.find("cannot be read"), std::string::npos) << broken.source;
}

} // namespace
} // namespace crew::backtest
