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

core::Result<std::vector<core::Symbol>> parse_symbol_list(std::string_view text,
                                                          std::optional<core::AssetClass> market) {
  std::vector<core::Symbol> symbols;
  while (!text.empty()) {
    const auto comma = text.find(',');
    auto entry = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    while (!entry.empty() && entry.front() == ' ') {
      entry.remove_prefix(1);
    }
    while (!entry.empty() && entry.back() == ' ') {
      entry.remove_suffix(1);
    }
    auto symbol = core::classify_symbol(std::string(entry));
    if (!symbol) {
      return core::Error{symbol.error().what, std::string(entry), true};
    }
    const auto asset_class = symbol->asset_class();
    if (market ? asset_class != *market
               : asset_class != core::AssetClass::us_equity &&
                     asset_class != core::AssetClass::crypto) {
      return core::Error{
          "not a " + std::string(market ? core::to_string(*market) : std::string_view("traded")) +
              " symbol",
          std::string(entry), true};
    }
    symbols.push_back(std::move(*symbol));
  }
  return symbols;
}

bool is_http_url(std::string_view text) {
  return core::parse_http_url(text).ok();
}

} // namespace crew::config
