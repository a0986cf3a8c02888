#include "backtest/backtest_settings.hpp"
#include "strategy/strategy.hpp"

#include <gtest/gtest.h>

#include <limits>

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
  EXPECT_EQ(settings->fill.bps, 5.0);
  EXPECT_EQ(settings->fee.rate, 0.0025);
  EXPECT_TRUE(settings->fee.in_coin); // Alpaca takes a crypto buy's fee in the coin
  EXPECT_EQ(settings->sizer.risk_per_trade, 0.005);
  EXPECT_EQ(settings->sizer.quantity_increment, 1e-9);
  EXPECT_EQ(settings->initial_equity, 50'000.0);
  EXPECT_DOUBLE_EQ(settings->stop_distance(10.0), 2.5 * 1.5 * 10.0);
}

TEST(BacktestSettings, TradesWholeSharesForEquities) {
  const auto settings =
      make_settings(config::default_config(), core::AssetClass::us_equity, core::Timeframe::min15);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->sizer.quantity_increment, 1.0);
  EXPECT_FALSE(settings->fee.in_coin);
}

TEST(BacktestSettings, WarmsUpOnTheLoopsFeedLength) {
  const auto config = config::default_config();
  const auto settings = make_settings(config, core::AssetClass::crypto, core::Timeframe::hour1);
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->warmup_bars, strategy::k_min_feed_bars);
}

TEST(BacktestSettings, ReadsTheWarmUpFromBeforeTheStart) {
  const auto start = core::parse_rfc3339("2026-04-02T20:00:00Z").value();
  // 600 hourly crypto bars (and two spare) before the start.
  EXPECT_EQ(warmup_from(core::AssetClass::crypto, core::Timeframe::hour1, 600, start),
            start - std::chrono::hours{602});
  // Equities reach back further: sessions are 6.5 hours, 5 days a week.
  EXPECT_LT(warmup_from(core::AssetClass::us_equity, core::Timeframe::min15, 600, start),
            start - std::chrono::hours{150});
  // No start given (the open beginning): nothing to subtract, and no overflow.
  const auto open = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(warmup_from(core::AssetClass::crypto, core::Timeframe::hour1, 600, open), open);
}

TEST(BacktestSettings, RefusesForex) {
  const auto settings =
      make_settings(config::default_config(), core::AssetClass::forex, core::Timeframe::hour1);
  EXPECT_FALSE(settings.ok());
}

} // namespace
} // namespace crew::backtest
