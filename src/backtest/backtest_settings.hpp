#pragma once
// BacktestSettings: everything a single-symbol backtest needs besides the bars and the strategy,
// gathered from the configuration (asset-class profile, [strategy], [backtest]) in one place so
// the engine never reads the configuration itself.
#include "config/config.hpp"
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/timeframe.hpp"
#include "execution/fees.hpp"
#include "execution/fill_rules.hpp"
#include "risk/position_sizing.hpp"

#include <limits>

namespace crew::backtest {

struct BacktestSettings {
  core::AssetClass asset_class = core::AssetClass::crypto;
  core::Timeframe timeframe = core::Timeframe::hour1;
  double initial_equity = 100'000.0;
  execution::Slippage fill;
  execution::FeeRule fee;
  risk::PositionSizer sizer;
  double stop_atr_mult = 2.0;
  double volatility_multiplier = 1.0;
  double stop_limit_offset = 0.02; // crypto stops are stop-limits (execution::protective_stop)
  // Up to this many bars before `start` (session bars for US_EQUITY) are fed to the strategy
  // first, without trading, so its indicators start where the loop's do (docs/parity.md row 6);
  // make_settings: strategy::longest_feed_bars. 0: the strategy starts cold at `start`.
  std::size_t warmup_bars = 0;
  // Only bars with start ≤ time ≤ end are used (both inclusive).
  core::UtcTime start = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min());
  core::UtcTime end = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max());

  // risk::stop_distance: stop_atr_mult · volatility_multiplier · atr.
  double stop_distance(double atr) const {
    return risk::stop_distance(stop_atr_mult, volatility_multiplier, atr);
  }
};

// Settings from the configuration for `asset_class` bars of `timeframe`, starting with
// config.backtest.initial_equity. Errors for FOREX, which the backtester does not model.
core::Result<BacktestSettings> make_settings(const config::Config& config,
                                             core::AssetClass asset_class,
                                             core::Timeframe timeframe);

// Where to start reading bars so that a range starting at `start` has `warmup_bars` bars of
// warm-up before it (data::span_of_bars); `start` itself when it is the open beginning (minimum).
core::UtcTime warmup_from(core::AssetClass asset_class, core::Timeframe timeframe,
                          std::size_t warmup_bars, core::UtcTime start);

// Bars per year for annualising per-bar Sharpe and Sortino: 365·24·60/minutes for CRYPTO,
// 252·⌈390/minutes⌉ for US_EQUITY.
double bars_per_year(core::AssetClass asset_class, core::Timeframe timeframe);

} // namespace crew::backtest
