#include "backtest/position_sizer.hpp"

#include <algorithm>
#include <cmath>

namespace crew::backtest {

double PositionSizer::quantity(double equity, double stop_distance, double price) const {
  // NaN fails every comparison, so an undefined ATR sizes nothing.
  if (!(equity > 0.0) || !(stop_distance > 0.0) || !(price > 0.0) || !(quantity_increment > 0.0)) {
    return 0.0;
  }
  const double by_risk = equity * risk_per_trade / stop_distance;
  const double by_cap = max_position_fraction * equity / price;
  const double wanted = std::min(by_risk, by_cap);
  // Round down to whole increments; the relative 1e-9 keeps 2.9999999999 (a float artefact of
  // an exact 3) from losing a unit; it can add at most 1e-9 of the quantity.
  const double units = std::floor(wanted / quantity_increment * (1.0 + 1e-9));
  // Dividing by an integral inverse (1e9 for 1e-9) gives the double nearest the decimal quantity
  // (0.494168032, not 0.49416803200000003), so CSVs and orders show clean numbers.
  const double inverse = std::round(1.0 / quantity_increment);
  if (inverse >= 1.0 && std::abs(inverse * quantity_increment - 1.0) < 1e-12) {
    return std::max(units, 0.0) / inverse;
  }
  return std::max(units, 0.0) * quantity_increment;
}

} // namespace crew::backtest
