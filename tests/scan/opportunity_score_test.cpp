#include "scan/opportunity_score.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace crew::scan {
namespace {

OpportunityInputs typical() {
  OpportunityInputs in;
  in.strategies_fired = 1;
  in.strategies_run = 4;
  in.close = 100;
  in.sma_long = 100;
  in.atr = 2;
  in.relative_volume = 1;
  in.dollar_volume = 1e6;
  return in;
}

TEST(OpportunityScore, PartsFollowTheDocumentedFormula) {
  const auto parts = score_parts(typical(), 0.02);
  EXPECT_DOUBLE_EQ(parts.signal, 0.25);
  EXPECT_DOUBLE_EQ(parts.trend, 0.5);
  EXPECT_DOUBLE_EQ(parts.volume, 0.5);
  EXPECT_DOUBLE_EQ(parts.volatility, 1.0);
  EXPECT_DOUBLE_EQ(parts.liquidity, 0.5);
}

TEST(OpportunityScore, RewardsAnUptrendHeavyVolumeAndLiquidity) {
  auto strong = typical();
  strong.close = 106; // 3 ATRs above SMA50
  strong.relative_volume = 3;
  strong.dollar_volume = 1e9;
  const auto parts = score_parts(strong, 0.02);
  EXPECT_NEAR(parts.trend, 0.5 + 0.5 * std::tanh(1.5), 1e-12);
  EXPECT_DOUBLE_EQ(parts.volume, 1.0);
  EXPECT_DOUBLE_EQ(parts.liquidity, 1.0);
  EXPECT_GT(total_score(parts, 1.0), total_score(score_parts(typical(), 0.02), 1.0));
}

TEST(OpportunityScore, VolatilityPeaksAtTheScansTypicalLevel) {
  auto wild = typical();
  wild.atr = 8; // four times the reference 2%
  EXPECT_DOUBLE_EQ(score_parts(wild, 0.02).volatility, 0.0);
  wild.atr = 4;
  EXPECT_NEAR(score_parts(wild, 0.02).volatility, 0.5, 1e-12);
}

TEST(OpportunityScore, UndefinedInputsGiveNeutralOrZeroParts) {
  OpportunityInputs young;
  young.close = 10;
  young.sma_long = std::numeric_limits<double>::quiet_NaN();
  young.atr = std::numeric_limits<double>::quiet_NaN();
  young.relative_volume = std::numeric_limits<double>::quiet_NaN();
  const auto parts = score_parts(young, 0.02);
  EXPECT_DOUBLE_EQ(parts.signal, 0.0);
  EXPECT_DOUBLE_EQ(parts.trend, 0.5);
  EXPECT_DOUBLE_EQ(parts.volume, 0.0);
  EXPECT_DOUBLE_EQ(parts.volatility, 0.0);
  EXPECT_DOUBLE_EQ(parts.liquidity, 0.0);
}

TEST(OpportunityScore, VolumeWeightScalesTheVolumePart) {
  ScoreParts parts{1, 1, 0, 1, 1};
  // The volume part is 0: a heavier volume weight pulls the total down.
  EXPECT_DOUBLE_EQ(total_score(parts, 0.0), 1.0);
  EXPECT_NEAR(total_score(parts, 1.0), 0.8 / 1.0, 1e-12);
  EXPECT_NEAR(total_score(parts, 0.5), 0.8 / 0.9, 1e-12);
}

TEST(OpportunityScore, MeasuresInputsFromTheBarsBeforeEnd) {
  data::BarSeries bars(core::Symbol("AAA", core::AssetClass::us_equity, "AAA"),
                       core::Timeframe::min15);
  for (int i = 0; i < 60; ++i) {
    const double c = 100 + i;
    bars.push_back({core::UtcTime::from_seconds(i * 900), c, c + 1, c - 1, c, 1000});
  }
  bars.push_back({core::UtcTime::from_seconds(60 * 900), 500, 500, 500, 500, 1e9}); // ignored
  const auto in = measure_opportunity(bars, 60);
  EXPECT_DOUBLE_EQ(in.close, 159);
  EXPECT_DOUBLE_EQ(in.sma_long, 134.5); // mean of 110..159
  EXPECT_DOUBLE_EQ(in.relative_volume, 1.0);
  EXPECT_DOUBLE_EQ(in.dollar_volume, 149.5 * 1000);
}

} // namespace
} // namespace crew::scan
