#pragma once
// FeeModel: commission charged per fill, a fraction of the fill's notional (design.md section 6).
// US_EQUITY has none on Alpaca; CRYPTO pays the tier-1 taker rate, 0.25% per side. The rate
// comes from the asset-class profile's fee_rate, so a configuration can change it.
namespace crew::backtest {

struct FeeModel {
  double fee_rate = 0.0; // per side, on notional

  double fee(double notional) const { return notional * fee_rate; }
};

} // namespace crew::backtest
