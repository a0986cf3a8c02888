#include "backtest/backtest_settings.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

TEST(BacktestSettings, AnnualisesCryptoByMinutesInAYear) {
  EXPECT_DOUBLE_EQ(bars_per_year(core::AssetClass::crypto, core::Timeframe::hour1), 8760.0);
  EXPECT_DOUBLE_EQ(bars_per_year(core::AssetClass::crypto, core::Timeframe::min15), 35040.0);
}

TEST(BacktestSettings, AnnualisesEquitiesByBarsPerSessionRoundedUp) {
  EXPECT_DOUBLE_EQ(bars_per_year(core::AssetClass::us_equity, core::Timeframe::hour1), 252.0 * 7);
  EXPECT_DOUBLE_EQ(bars_per_year(core::AssetClass::us_equity, core::Timeframe::min15), 252.0 * 26);
  EXPECT_DOUBLE_EQ(bars_per_year(core::AssetClass::us_equity, core::Timeframe::day1), 252.0);
}

TEST(BacktestSettings, TakesCostsRiskAndStopsFromTheConfiguration) {
  auto config = config::default_config();
  config.crypto.slippage_bps = 5.0;
  config.crypto.fee_rate = 0.0025;
  config.crypto.risk_per_trade = 0.005;
  config.crypto.volatility_multiplier = 1.5;
  config.strategy.stop_atr_mult = 2.5;
  config.backtest.initial_equity = 50'000.0;
  const auto settings = make_settings(config, core::AssetClass::crypto, core::Timeframe::hour1);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->fill.slippage_bps, 5.0);
  EXPECT_EQ(settings->fee.fee_rate, 0.0025);
  EXPECT_EQ(settings->sizer.risk_per_trade, 0.005);
  EXPECT_EQ(settings->sizer.quantity_increment, 1e-9);
  EXPECT_EQ(settings->initial_equity, 50'000.0);
  EXPECT_DOUBLE_EQ(settings->stop_distance(10.0), 2.5 * 1.5 * 10.0);
}

TEST(BacktestSettings, TradesWholeSharesForEquitiesUnlessFractionable) {
  EXPECT_EQ(default_quantity_increment(core::AssetClass::us_equity), 1.0);
  EXPECT_EQ(default_quantity_increment(core::AssetClass::us_equity, true), 1e-9);
  const auto settings =
      make_settings(config::default_config(), core::AssetClass::us_equity, core::Timeframe::min15);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->sizer.quantity_increment, 1.0);
}

TEST(BacktestSettings, RefusesForex) {
  const auto settings =
      make_settings(config::default_config(), core::AssetClass::forex, core::Timeframe::hour1);
  EXPECT_FALSE(settings.ok());
}

} // namespace
} // namespace crew::backtest
