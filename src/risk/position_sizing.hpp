#pragma once
// How far below the entry the stop sits and how many units an entry buys (design.md section 6).
// Written once for the backtester and the loop (docs/parity.md): risk-based, so losing the stop
// distance on the whole quantity costs risk_per_trade of equity; capped so the position's notional
// is at most max_position_fraction of equity; rounded down to the asset's quantity step
// (execution::quantity_increment).
namespace crew::risk {

// stop_atr_mult · volatility_multiplier · atr: the distance from the entry's fill to its stop.
inline double stop_distance(double stop_atr_mult, double volatility_multiplier, double atr) {
  return stop_atr_mult * volatility_multiplier * atr;
}

struct PositionSizer {
  double risk_per_trade = 0.01;
  double max_position_fraction = 1.0 / 3.0;
  double quantity_increment = 1.0; // 1 = whole shares; crypto 1e-9

  // The quantity to buy with `equity` when the stop is `stop_distance` below `price`; 0 when the
  // inputs cannot size a position (no equity, undefined or non-positive stop distance or price).
  double quantity(double equity, double stop_distance, double price) const;
};

} // namespace crew::risk
