// Golden regression: the four strategies on real BTC-USDT hourly bars (2024-01-01 to
// 2024-10-31, default configuration). The numbers were recorded from this implementation when
// the rules of docs/backtest-fills.md were settled; a change in them means the fills, sizing,
// metrics or a strategy changed, which must be deliberate.
#include "backtest/backtest_runner.hpp"
#include "data/csv_io.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

struct Golden {
  std::string_view strategy;
  std::size_t trades;
  double win_rate;
  double total_return;
  double max_drawdown;
  double sharpe;
  double final_equity;
};

constexpr Golden k_golden[] = {
    {"3ma", 122, 0.24590163934426229, -0.091894794694106441, 0.16452988425233378,
     -1.7280239009909388, 90810.520530589361},
    {"rsi", 80, 0.32500000000000001, 0.02010085754906088, 0.10014568938091428, 0.31678353367237783,
     102010.08575490609},
    {"macd", 231, 0.26839826839826841, -0.22327745851746206, 0.23305200306657672,
     -3.9974063261794557, 77672.254148253793},
    {"bb", 171, 0.36257309941520466, -0.2313607658216279, 0.2321440597186715, -6.1697292292486816,
     76863.923417837213},
};

TEST(GoldenBacktest, BtcUsdtHourlyStatsStayTheSame) {
  CREW_REQUIRE_DATA(file, "crypto/1h/BTC-USDT.csv");
  const auto symbol = core::classify_symbol("BTC/USDT").value();
  const auto bars = data::read_bars_csv(file, symbol, core::Timeframe::hour1);
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  const auto config = config::default_config();
  auto settings = make_settings(config, core::AssetClass::crypto, core::Timeframe::hour1).value();
  settings.start = core::parse_rfc3339("2024-01-01T00:00:00Z").value();
  settings.end = core::parse_rfc3339("2024-10-31T23:00:00Z").value();
  const auto input = prepare_bars(*bars, settings);
  ASSERT_EQ(input.bars.size(), 7'320U);
  for (const Golden& golden : k_golden) {
    const auto run = run_prepared_backtest(golden.strategy, input, settings, config);
    ASSERT_TRUE(run.ok());
    const Metrics& m = run->metrics;
    EXPECT_EQ(m.trades, golden.trades) << golden.strategy;
    EXPECT_NEAR(m.win_rate, golden.win_rate, 1e-12) << golden.strategy;
    EXPECT_NEAR(m.total_return, golden.total_return, 1e-9) << golden.strategy;
    EXPECT_NEAR(m.max_drawdown, golden.max_drawdown, 1e-9) << golden.strategy;
    EXPECT_NEAR(m.sharpe, golden.sharpe, 1e-9) << golden.strategy;
    EXPECT_NEAR(m.final_equity, golden.final_equity, 1e-6) << golden.strategy;
  }
}

} // namespace
} // namespace crew::backtest
