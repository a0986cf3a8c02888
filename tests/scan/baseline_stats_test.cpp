#include "scan/baseline_stats.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace crew;

namespace {

data::BarSeries series_of(const char* symbol, std::vector<double> closes, int start_hour = 0) {
  data::BarSeries bars(*core::classify_symbol(symbol), core::Timeframe::hour1);
  for (std::size_t i = 0; i < closes.size(); ++i) {
    core::Bar bar;
    bar.time = core::UtcTime::from_seconds((start_hour + static_cast<std::int64_t>(i)) * 3600);
    bar.open = closes[i];
    bar.high = closes[i] + 1;
    bar.low = closes[i] - 1;
    bar.close = closes[i];
    bar.volume = 10;
    bars.push_back(bar);
  }
  return bars;
}

} // namespace

TEST(BaselineStats, CountsBarsPerYearByAssetClass) {
  EXPECT_DOUBLE_EQ(scan::bars_per_year(core::AssetClass::crypto, core::Timeframe::hour1), 8760.0);
  // ⌈390/60⌉ = 7 hourly bars per session.
  EXPECT_DOUBLE_EQ(scan::bars_per_year(core::AssetClass::us_equity, core::Timeframe::hour1),
                   252.0 * 7);
  EXPECT_DOUBLE_EQ(scan::bars_per_year(core::AssetClass::us_equity, core::Timeframe::day1), 252.0);
}

TEST(BaselineStats, AnnualisesTheSampleVolatilityOfLogReturns) {
  // Returns alternate +ln(1.1) and −ln(1.1): mean 0, so the sample variance is 4·ln(1.1)²/3.
  const auto bars = series_of("BTC/USD", {100, 110, 100, 110, 100});
  const auto stats = scan::series_stats(bars);
  const double r = std::log(1.1);
  EXPECT_EQ(stats.bars, 5u);
  EXPECT_NEAR(stats.annual_volatility, std::sqrt(4 * r * r / 3) * std::sqrt(8760.0), 1e-12);
  EXPECT_TRUE(std::isnan(stats.last_atr14)); // fewer than 15 bars
}

TEST(BaselineStats, ReportsTheLatestAtr) {
  std::vector<double> closes(30, 100.0);
  const auto stats = scan::series_stats(series_of("BTC/USD", closes));
  EXPECT_DOUBLE_EQ(stats.last_atr14, 2.0); // every true range is high − low = 2
}

TEST(BaselineStats, CorrelatesReturnsOnCommonTimestamps) {
  const auto a = series_of("BTC/USD", {100, 101, 99, 103, 102, 104});
  const auto b = series_of("ETH/USD", {50, 50.5, 49.5, 51.5, 51, 52});
  const auto c = series_of("SOL/USD", {20, 19.8, 20.2, 19.4, 19.6, 19.2});
  const std::vector<data::BarSeries> all = {a, b, c};
  const auto matrix = scan::correlation_matrix(all);
  ASSERT_EQ(matrix.size(), 3u);
  EXPECT_DOUBLE_EQ(matrix[0][0], 1.0);
  EXPECT_GT(matrix[0][1], 0.99);
  EXPECT_LT(matrix[0][2], -0.9);
  EXPECT_DOUBLE_EQ(matrix[1][2], matrix[2][1]);
}
