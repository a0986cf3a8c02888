#pragma once
// The configuration schema, written once: every section, key, type and allowed range of the TOML
// file. The parser (config_parser.cpp) and the writer (config_writer.cpp) are both visitors of it,
// so a key added here is read, validated and printed alike. Internal to the config module.
#include "config/config.hpp"

#include <string_view>

namespace crew::config::schema {

// The allowed range of a numeric key: [min, max], or (min, max] when min_open.
struct Limits {
  double min;
  double max;
  bool min_open = false;
};
inline constexpr Limits between(double min, double max) {
  return {min, max, false};
}
inline constexpr Limits above(double min, double max) {
  return {min, max, true};
}

// Checks a string value; returns nullptr when it is valid, else what it must be.
using TextCheck = const char* (*)(std::string_view);

const char* check_url(std::string_view text);
const char* check_hold_or_close(std::string_view text);
const char* check_feed(std::string_view text);
const char* check_adjustment(std::string_view text);
const char* check_path(std::string_view text);
const char* check_optional_http_url(std::string_view text);
const char* check_optional_smtp_url(std::string_view text);
const char* check_optional_address(std::string_view text);
const char* check_optional_addresses(std::string_view text);
const char* check_optional_user(std::string_view text);
const char* check_host_list(std::string_view text);
const char* check_equity_list(std::string_view text);
const char* check_crypto_list(std::string_view text);
const char* check_symbol_list(std::string_view text);

// Strategy names accepted in [strategy.params.<name>], with their aliases (design.md section 5).
// Returns the short name ("3ma", "rsi", "macd", "bb"), or an empty view for an unknown name.
std::string_view canonical_strategy_name(std::string_view name);

template <typename Visitor, typename Profile>
void visit_profile(Visitor& v, std::string_view section, Profile& p) {
  v.section(section);
  v.integer("min_bars_required", p.min_bars_required, between(1, 100'000));
  v.number("volume_weight", p.volume_weight, between(0, 100));
  v.number("volatility_multiplier", p.volatility_multiplier, above(0, 100));
  v.integer("atr_periods", p.atr_periods, between(1, 1000));
  v.number("risk_per_trade", p.risk_per_trade, above(0, 0.1));
  v.timeframe("signal_timeframe", p.signal_timeframe);
  v.number("slippage_bps", p.slippage_bps, between(0, 1000));
  v.number("fee_rate", p.fee_rate, between(0, 0.1));
  v.number("stop_limit_offset", p.stop_limit_offset, above(0, 0.5));
}

// Visits every key of `config` (a Config or a const Config) in file order.
template <typename Visitor, typename C>
void visit_config(Visitor& v, C& c) {
  visit_profile(v, "profiles.us_equity", c.us_equity);
  visit_profile(v, "profiles.crypto", c.crypto);

  v.section("strategy");
  v.number("stop_atr_mult", c.strategy.stop_atr_mult, above(0, 100));
  v.number("max_position_fraction", c.strategy.max_position_fraction, above(0, 1));
  v.strategy_params("params", c.strategy.params);

  v.section("risk");
  v.integer("max_open_positions", c.risk.max_open_positions, between(1, 1000));
  v.integer("max_entries_per_day", c.risk.max_entries_per_day, between(1, 100'000));
  v.number("daily_loss_limit_us_equity", c.risk.daily_loss_limit_us_equity, above(0, 1));
  v.number("daily_loss_limit_crypto", c.risk.daily_loss_limit_crypto, above(0, 1));
  v.boolean("close_on_daily_loss", c.risk.close_on_daily_loss);
  v.number("max_drawdown", c.risk.max_drawdown, above(0, 1));
  v.number("pdt_equity_threshold", c.risk.pdt_equity_threshold, between(0, 1e12));
  v.integer("pdt_max_day_trades", c.risk.pdt_max_day_trades, between(0, 1000));
  v.number("crypto_min_notional", c.risk.crypto_min_notional, between(0, 1e12));

  v.section("scheduler");
  v.integer("tick_seconds", c.scheduler.tick_seconds, between(1, 3600));
  v.integer("us_equity_scan_minutes", c.scheduler.us_equity_scan_minutes, between(1, 1440));
  v.integer("crypto_busy_scan_minutes", c.scheduler.crypto_busy_scan_minutes, between(1, 1440));
  v.integer("crypto_quiet_scan_minutes", c.scheduler.crypto_quiet_scan_minutes, between(1, 1440));
  v.integer("crypto_busy_start_hour_utc", c.scheduler.crypto_busy_start_hour_utc, between(0, 23));
  v.integer("crypto_busy_end_hour_utc", c.scheduler.crypto_busy_end_hour_utc, between(0, 23));
  v.integer("close_before_us_close_minutes", c.scheduler.close_before_us_close_minutes,
            between(0, 390));
  v.text("crypto_at_us_open", c.scheduler.crypto_at_us_open, check_hold_or_close);
  v.integer("backups_to_keep", c.scheduler.backups_to_keep, between(0, 10'000));

  v.section("scanner");
  v.integer("top", c.scanner.top, between(1, 1000));
  v.number("crypto_min_notional_volume_24h", c.scanner.crypto_min_notional_volume_24h,
           between(0, 1e15));
  v.integer("crypto_max_symbols", c.scanner.crypto_max_symbols, between(1, 10'000));
  v.integer("batch_size", c.scanner.batch_size, between(1, 10'000));
  v.boolean("trade_forex", c.scanner.trade_forex);

  v.section("universe");
  v.text("us_equity", c.universe.us_equity, check_equity_list);
  v.text("crypto", c.universe.crypto, check_crypto_list);
  v.text("exclude", c.universe.exclude, check_symbol_list);

  v.section("manipulation");
  v.integer("lookback_bars", c.manipulation.lookback_bars, between(1, 100'000));
  v.integer("baseline_bars", c.manipulation.baseline_bars, between(2, 100'000));
  v.integer("spike_window_bars", c.manipulation.spike_window_bars, between(1, 100'000));
  v.number("spike_atr_multiple", c.manipulation.spike_atr_multiple, above(0, 1000));
  v.number("spike_min_rise", c.manipulation.spike_min_rise, between(0, 1000));
  v.number("spike_volume_multiple", c.manipulation.spike_volume_multiple, above(0, 1000));
  v.integer("reversal_window_bars", c.manipulation.reversal_window_bars, between(1, 100'000));
  v.number("reversal_fraction", c.manipulation.reversal_fraction, above(0, 1));
  v.number("wash_volume_multiple", c.manipulation.wash_volume_multiple, above(0, 1000));
  v.number("wash_max_range_atr", c.manipulation.wash_max_range_atr, between(0, 1000));

  v.section("alpaca");
  v.text("trading_url", c.alpaca.trading_url, check_url);
  v.text("data_url", c.alpaca.data_url, check_url);
  v.text("feed", c.alpaca.feed, check_feed);
  v.text("adjustment", c.alpaca.adjustment, check_adjustment);
  v.integer("requests_per_minute", c.alpaca.requests_per_minute, between(1, 100'000));
  v.integer("timeout_ms", c.alpaca.timeout_ms, between(100, 600'000));
  v.integer("max_retries", c.alpaca.max_retries, between(0, 100));
  v.integer("unanswered_order_grace_seconds", c.alpaca.unanswered_order_grace_seconds,
            between(60, 7 * 86'400));
  v.integer("startup_retry_seconds", c.alpaca.startup_retry_seconds, between(0, 3600));
  v.boolean("live_trading_confirmed", c.alpaca.live_confirmed);

  v.section("paths");
  v.text("data_dir", c.paths.data_dir, check_path);
  v.text("state_dir", c.paths.state_dir, check_path);
  v.text("log_dir", c.paths.log_dir, check_path);
  v.text("report_dir", c.paths.report_dir, check_path);
  v.text("backup_dir", c.paths.backup_dir, check_path);
  v.integer("log_keep_days", c.paths.log_keep_days, between(0, 100'000));

  v.section("backtest");
  v.number("initial_equity", c.backtest.initial_equity, above(0, 1e15));

  v.section("alerts");
  v.text("webhook_url", c.alerts.webhook_url, check_optional_http_url);
  v.text("smtp_url", c.alerts.smtp_url, check_optional_smtp_url);
  v.text("smtp_from", c.alerts.smtp_from, check_optional_address);
  v.text("smtp_to", c.alerts.smtp_to, check_optional_addresses);
  v.text("smtp_user", c.alerts.smtp_user, check_optional_user);
  v.boolean("send_resolved", c.alerts.send_resolved);
  v.number("error_rate", c.alerts.error_rate, above(0, 1));
  v.integer("error_window_seconds", c.alerts.error_window_seconds, between(60, 86'400));
  v.integer("error_min_requests", c.alerts.error_min_requests, between(1, 1'000'000));
  v.number("api_quota_fraction", c.alerts.api_quota_fraction, above(0, 1));
  v.number("drawdown", c.alerts.drawdown, above(0, 1));
  v.integer("stall_seconds", c.alerts.stall_seconds, between(10, 86'400));
  v.integer("resolve_after_seconds", c.alerts.resolve_after_seconds, between(0, 86'400));

  v.section("dashboard");
  v.text("allowed_hosts", c.dashboard.allowed_hosts, check_host_list);
}

} // namespace crew::config::schema
