#include "config/config.hpp"

#include <gtest/gtest.h>

using namespace crew::config;
using crew::core::AssetClass;
using crew::core::Timeframe;

TEST(Config, DefaultsMatchTheEquityProfileOfTheDesign) {
  const auto config = default_config();
  const auto& p = config.us_equity;
  EXPECT_EQ(p.min_bars_required, 50);
  EXPECT_EQ(p.volume_weight, 1.0);
  EXPECT_EQ(p.volatility_multiplier, 1.0);
  EXPECT_EQ(p.atr_periods, 14);
  EXPECT_EQ(p.risk_per_trade, 0.01);
  EXPECT_EQ(p.signal_timeframe, Timeframe::min15);
  EXPECT_EQ(p.slippage_bps, 2.0);
  EXPECT_EQ(p.fee_rate, 0.0);
}

TEST(Config, DefaultsMatchTheCryptoProfileOfTheDesign) {
  const auto config = default_config();
  const auto& p = config.crypto;
  EXPECT_EQ(p.min_bars_required, 100);
  EXPECT_EQ(p.volume_weight, 0.5);
  EXPECT_EQ(p.volatility_multiplier, 1.5);
  EXPECT_EQ(p.atr_periods, 20);
  EXPECT_EQ(p.risk_per_trade, 0.005);
  EXPECT_EQ(p.signal_timeframe, Timeframe::hour1);
  EXPECT_EQ(p.slippage_bps, 5.0);
  EXPECT_EQ(p.fee_rate, 0.0025);
}

TEST(Config, DefaultsMatchTheRiskAndLoopRulesOfTheDesign) {
  const auto config = default_config();
  EXPECT_EQ(config.strategy.stop_atr_mult, 2.0);
  EXPECT_DOUBLE_EQ(config.strategy.max_position_fraction, 1.0 / 3.0);
  EXPECT_TRUE(config.strategy.params.empty());
  EXPECT_EQ(config.risk.max_open_positions, 3);
  EXPECT_EQ(config.risk.max_entries_per_day, 12);
  EXPECT_EQ(config.risk.daily_loss_limit_us_equity, 0.05);
  EXPECT_EQ(config.risk.daily_loss_limit_crypto, 0.07);
  EXPECT_EQ(config.risk.max_drawdown, 0.10);
  EXPECT_EQ(config.risk.pdt_equity_threshold, 25000.0);
  EXPECT_EQ(config.risk.pdt_max_day_trades, 3);
  EXPECT_EQ(config.scheduler.tick_seconds, 60);
  EXPECT_EQ(config.scheduler.us_equity_scan_minutes, 5);
  EXPECT_EQ(config.scheduler.crypto_busy_scan_minutes, 15);
  EXPECT_EQ(config.scheduler.crypto_quiet_scan_minutes, 30);
  EXPECT_EQ(config.scheduler.crypto_busy_start_hour_utc, 12);
  EXPECT_EQ(config.scheduler.crypto_busy_end_hour_utc, 4);
  EXPECT_EQ(config.scheduler.close_before_us_close_minutes, 5);
  EXPECT_EQ(config.scheduler.crypto_at_us_open, "hold");
  EXPECT_EQ(config.alpaca.trading_url, "https://paper-api.alpaca.markets");
  EXPECT_FALSE(config.alpaca.live_confirmed);
  EXPECT_EQ(config.source, "built-in defaults");
}

TEST(Config, AlertsAreOffByDefaultWithTheIssueThresholds) {
  const auto alerts = default_config().alerts;
  EXPECT_TRUE(alerts.webhook_url.empty());
  EXPECT_TRUE(alerts.smtp_url.empty());
  EXPECT_EQ(alerts.api_quota_fraction, 0.8);
  EXPECT_LT(alerts.drawdown, default_config().risk.max_drawdown); // a warning before the halt
  EXPECT_TRUE(alerts.send_resolved);
  EXPECT_GT(alerts.stall_seconds, default_config().scheduler.tick_seconds);
}

TEST(Config, ProfileFollowsTheAssetClass) {
  const auto config = default_config();
  EXPECT_EQ(&config.profile(AssetClass::us_equity), &config.us_equity);
  EXPECT_EQ(&config.profile(AssetClass::crypto), &config.crypto);
  EXPECT_EQ(&config.profile(AssetClass::forex), &config.us_equity);
}

TEST(Config, AcceptsOnlyHttpUrlsWithAHost) {
  EXPECT_TRUE(is_http_url("https://paper-api.alpaca.markets"));
  EXPECT_TRUE(is_http_url("http://127.0.0.1:8080/v2"));
  EXPECT_FALSE(is_http_url("ftp://example.com"));
  EXPECT_FALSE(is_http_url("https://"));
  EXPECT_FALSE(is_http_url("https://:80"));
  EXPECT_FALSE(is_http_url("https://exa mple.com"));
  EXPECT_FALSE(is_http_url("paper-api.alpaca.markets"));
  EXPECT_TRUE(is_http_url("https://hooks.slack.com/services/T0/B0/x?a=b"));
  EXPECT_TRUE(is_http_url("https://user:pw@hooks.example.com/x")); // a webhook may carry them
  EXPECT_TRUE(is_http_url("HTTPS://HOOKS.EXAMPLE.COM"));
  EXPECT_FALSE(is_http_url("https://hooks.example.com\r\nX-Evil: 1"));
  EXPECT_FALSE(is_http_url("https://hooks.example.com:99999"));
}
