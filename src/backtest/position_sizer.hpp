#pragma once
// PositionSizer: how many units an entry buys (design.md section 6). Risk-based: losing the stop
// distance on the whole quantity costs risk_per_trade of equity; capped so the position's notional
// is at most max_position_fraction of equity; rounded down to the asset's quantity increment.
namespace crew::backtest {

struct PositionSizer {
  double risk_per_trade = 0.01;
  double max_position_fraction = 1.0 / 3.0;
  double quantity_increment = 1.0; // 1 = whole shares; crypto 1e-9

  // The quantity to buy with `equity` when the stop is `stop_distance` below `price`; 0 when the
  // inputs cannot size a position (no equity, undefined or non-positive stop distance or price).
  double quantity(double equity, double stop_distance, double price) const;
};

} // namespace crew::backtest
