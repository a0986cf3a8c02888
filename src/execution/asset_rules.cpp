#include "execution/asset_rules.hpp"

#include <algorithm>
#include <cmath>

namespace crew::execution {

double quantity_increment(core::AssetClass asset_class, const AssetRules* rules) {
  if (rules != nullptr && rules->min_trade_increment && rules->min_trade_increment->units() > 0) {
    return rules->min_trade_increment->to_double();
  }
  return asset_class == core::AssetClass::crypto ? k_crypto_increment : 1.0;
}

double floor_to_increment(double qty, double increment) {
  // NaN fails every comparison, so undefined inputs give 0.
  if (!(qty > 0.0) || !(increment > 0.0)) {
    return 0.0;
  }
  // The relative 1e-9 keeps 2.9999999999 (a float artefact of an exact 3) from losing a unit; it
  // can add at most 1e-9 of the quantity.
  const double units = std::floor(qty / increment * (1.0 + 1e-9));
  // Dividing by an integral inverse (1e9 for 1e-9) gives the double nearest the decimal quantity.
  const double inverse = std::round(1.0 / increment);
  if (inverse >= 1.0 && std::abs(inverse * increment - 1.0) < 1e-12) {
    return std::max(units, 0.0) / inverse;
  }
  return std::max(units, 0.0) * increment;
}

} // namespace crew::execution
