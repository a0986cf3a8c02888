#include "risk/position_sizing.hpp"

#include "execution/asset_rules.hpp"

#include <algorithm>

namespace crew::risk {

double PositionSizer::quantity(double equity, double stop_distance, double price) const {
  // NaN fails every comparison, so an undefined ATR sizes nothing.
  if (!(equity > 0.0) || !(stop_distance > 0.0) || !(price > 0.0)) {
    return 0.0;
  }
  const double by_risk = equity * risk_per_trade / stop_distance;
  // One part per million under the cap: the quantity is rounded to the increment with a
  // tolerance for float artefacts, then to Decimal's nine places, and the risk rule refuses a
  // position worth a cent's fraction over the cap (it did, for entries sized exactly at it).
  const double by_cap = max_position_fraction * equity / price * (1.0 - 1e-6);
  return execution::floor_to_increment(std::min(by_risk, by_cap), quantity_increment);
}

} // namespace crew::risk
