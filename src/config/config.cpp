#include "config/config.hpp"

#include "core/http_url.hpp"

namespace crew::config {

const AssetProfile& Config::profile(core::AssetClass asset_class) const {
  switch (asset_class) {
  case core::AssetClass::crypto:
    return crypto;
  case core::AssetClass::us_equity:
  case core::AssetClass::forex:
    break;
  }
  // FOREX is classified but not traded; it shares the equity profile so callers need no branch.
  return us_equity;
}

Config default_config() {
  Config config;
  // The struct initialisers are the US_EQUITY profile; CRYPTO differs (design.md sections 3b–6).
  config.crypto.min_bars_required = 100;
  config.crypto.volume_weight = 0.5;
  config.crypto.volatility_multiplier = 1.5;
  config.crypto.atr_periods = 20;
  config.crypto.risk_per_trade = 0.005;
  config.crypto.signal_timeframe = core::Timeframe::hour1;
  config.crypto.slippage_bps = 5.0;
  config.crypto.fee_rate = 0.0025;
  return config;
}

bool is_http_url(std::string_view text) {
  return core::parse_http_url(text).ok();
}

} // namespace crew::config
