#pragma once
// AssetRules: what a venue says about one asset (Alpaca's GET /v2/assets fields), and the one rule
// for the quantity step an order is rounded down to. The backtester, the loop's sizing, SimBroker
// and the risk checks all take the step from here (docs/parity.md), so a quantity the backtester
// trades is one the venue accepts.
#include "core/asset_class.hpp"
#include "core/decimal.hpp"

#include <optional>

namespace crew::execution {

struct AssetRules {
  bool tradable = true;
  bool fractionable = true;
  std::optional<core::Decimal> min_order_size;      // crypto, base units
  std::optional<core::Decimal> min_trade_increment; // crypto qty step
};

// Alpaca's crypto quantity step when an asset says none: nine decimals (assets_crypto.json).
inline constexpr double k_crypto_increment = 1e-9;

// The step an entry's quantity is rounded down to: the asset's min_trade_increment when the venue
// gives one; otherwise 1e-9 for crypto and whole shares for US equities (the loop and the
// backtester buy whole shares: a fractional equity order must be a DAY market order, which a
// resting stop could not protect).
double quantity_increment(core::AssetClass asset_class, const AssetRules* rules = nullptr);

// `qty` rounded down to whole `increment`s, as the nearest double to the decimal result
// (0.494168032, not 0.49416803200000003); 0 for a non-positive or undefined input.
double floor_to_increment(double qty, double increment);

} // namespace crew::execution
