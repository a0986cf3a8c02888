#include "backtest/backtest_settings.hpp"

#include "data/signal_bars.hpp"
#include "execution/asset_rules.hpp"
#include "strategy/registry.hpp"

#include <limits>
#include <string>

namespace crew::backtest {

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
  settings.fill.bps = profile.slippage_bps;
  settings.fee = execution::fee_rule(asset_class, profile.fee_rate);
  settings.sizer.risk_per_trade = profile.risk_per_trade;
  settings.sizer.max_position_fraction = config.strategy.max_position_fraction;
  settings.sizer.quantity_increment = execution::quantity_increment(asset_class);
  settings.stop_atr_mult = config.strategy.stop_atr_mult;
  settings.volatility_multiplier = profile.volatility_multiplier;
  settings.stop_limit_offset = profile.stop_limit_offset;
  settings.warmup_bars = strategy::longest_feed_bars(profile, config.strategy);
  return settings;
}

core::UtcTime warmup_from(core::AssetClass asset_class, core::Timeframe timeframe,
                          std::size_t warmup_bars, core::UtcTime start) {
  const core::Duration span = data::span_of_bars(asset_class, timeframe, warmup_bars);
  const auto earliest = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min());
  if (start <= earliest + span) { // (start − earliest would overflow)
    return start;                 // no range start given: everything is read anyway
  }
  return start - span;
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
