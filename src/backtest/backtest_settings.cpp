#include "backtest/backtest_settings.hpp"

#include <string>

namespace crew::backtest {

double default_quantity_increment(core::AssetClass asset_class, bool fractionable) {
  if (asset_class == core::AssetClass::us_equity && !fractionable) {
    return 1.0;
  }
  return 1e-9;
}

core::Result<BacktestSettings> make_settings(const config::Config& config,
                                             core::AssetClass asset_class,
                                             core::Timeframe timeframe) {
  if (asset_class == core::AssetClass::forex) {
    return core::Error{"the backtester models US_EQUITY and CRYPTO only", "asset class FOREX"};
  }
  const config::AssetProfile& profile = config.profile(asset_class);
  BacktestSettings settings;
  settings.asset_class = asset_class;
  settings.timeframe = timeframe;
  settings.initial_equity = config.backtest.initial_equity;
  settings.fill.slippage_bps = profile.slippage_bps;
  settings.fee.fee_rate = profile.fee_rate;
  settings.sizer.risk_per_trade = profile.risk_per_trade;
  settings.sizer.max_position_fraction = config.strategy.max_position_fraction;
  settings.sizer.quantity_increment = default_quantity_increment(asset_class);
  settings.stop_atr_mult = config.strategy.stop_atr_mult;
  settings.volatility_multiplier = profile.volatility_multiplier;
  return settings;
}

double bars_per_year(core::AssetClass asset_class, core::Timeframe timeframe) {
  const int bar_minutes = core::minutes(timeframe);
  if (asset_class == core::AssetClass::us_equity) {
    const int bars_per_session = (390 + bar_minutes - 1) / bar_minutes;
    return 252.0 * bars_per_session;
  }
  return 365.0 * 24.0 * 60.0 / bar_minutes;
}

} // namespace crew::backtest
