#pragma once
// BacktestSettings: everything a single-symbol backtest needs besides the bars and the strategy,
// gathered from the configuration (asset-class profile, [strategy], [backtest]) in one place so
// the engine never reads the configuration itself.
#include "backtest/fee_model.hpp"
#include "backtest/fill_model.hpp"
#include "backtest/position_sizer.hpp"
#include "config/config.hpp"
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "core/timeframe.hpp"

#include <limits>

namespace crew::backtest {

struct BacktestSettings {
  core::AssetClass asset_class = core::AssetClass::crypto;
  core::Timeframe timeframe = core::Timeframe::hour1;
  double initial_equity = 100'000.0;
  FillModel fill;
  FeeModel fee;
  PositionSizer sizer;
  double stop_atr_mult = 2.0;
  double volatility_multiplier = 1.0;
  // Only bars with start ≤ time ≤ end are used (both inclusive).
  core::UtcTime start = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min());
  core::UtcTime end = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max());

  // stop_atr_mult · volatility_multiplier · atr.
  double stop_distance(double atr) const { return stop_atr_mult * volatility_multiplier * atr; }
};

// The quantity increment of an asset class: whole shares for US_EQUITY unless `fractionable`,
// 1e-9 for CRYPTO.
double default_quantity_increment(core::AssetClass asset_class, bool fractionable = false);

// Settings from the configuration for `asset_class` bars of `timeframe`, starting with
// config.backtest.initial_equity. Errors for FOREX, which the backtester does not model.
core::Result<BacktestSettings> make_settings(const config::Config& config,
                                             core::AssetClass asset_class,
                                             core::Timeframe timeframe);

// Bars per year for annualising per-bar Sharpe and Sortino: 365·24·60/minutes for CRYPTO,
// 252·⌈390/minutes⌉ for US_EQUITY.
double bars_per_year(core::AssetClass asset_class, core::Timeframe timeframe);

} // namespace crew::backtest
