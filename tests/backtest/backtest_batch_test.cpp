#include "backtest/backtest_batch.hpp"
#include "backtest/backtest_runner.hpp"
#include "backtest/bar_builder.hpp"
#include "strategy/registry.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

std::vector<data::BarSeries> three_series() {
  std::vector<data::BarSeries> series;
  for (const unsigned seed : {1U, 2U, 3U}) {
    auto bars = test::random_walk(1'500, seed);
    data::BarSeries renamed(core::Symbol("S" + std::to_string(seed) + "/USD",
                                         core::AssetClass::crypto, "S" + std::to_string(seed),
                                         "USD"),
                            core::Timeframe::hour1);
    for (std::size_t i = 0; i < bars.size(); ++i) {
      renamed.push_back(bars.at(i));
    }
    series.push_back(std::move(renamed));
  }
  return series;
}

TEST(BacktestBatch, RunsEveryStrategyOnEverySeriesInOrder) {
  const auto config = config::default_config();
  const auto series = three_series();
  const auto names = strategy::strategy_names();
  const auto rows = run_batch(series, names, config, {});
  ASSERT_EQ(rows.size(), series.size() * names.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_TRUE(rows[i].error.empty()) << rows[i].error;
    EXPECT_EQ(rows[i].symbol, series[i / names.size()].symbol());
    EXPECT_EQ(rows[i].strategy, names[i % names.size()]);
  }
  // Same numbers as one run on its own.
  const auto settings =
      make_settings(config, core::AssetClass::crypto, core::Timeframe::hour1).value();
  const auto single = run_strategy_backtest(names[1], series[2], settings, config);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(rows[2 * names.size() + 1].metrics.final_equity, single->metrics.final_equity);
}

TEST(BacktestBatch, GivesTheSameRowsWithOneThreadOrMany) {
  const auto config = config::default_config();
  const auto series = three_series();
  const auto names = strategy::strategy_names();
  const auto one = run_batch(series, names, config, {.threads = 1});
  const auto many = run_batch(series, names, config, {.threads = 4});
  ASSERT_EQ(one.size(), many.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].metrics.final_equity, many[i].metrics.final_equity);
    EXPECT_EQ(one[i].metrics.trades, many[i].metrics.trades);
  }
}

TEST(BacktestBatch, ReportsAFailingJobWithoutStoppingTheOthers) {
  const auto config = config::default_config();
  const auto series = three_series();
  const std::vector<std::string_view> names = {"3ma", "nonsense"};
  const auto rows = run_batch(series, names, config, {});
  ASSERT_EQ(rows.size(), 6U);
  EXPECT_TRUE(rows[0].error.empty());
  EXPECT_FALSE(rows[1].error.empty());
}

} // namespace
} // namespace crew::backtest
