#include "execution/asset_rules.hpp"

#include <gtest/gtest.h>

namespace crew::execution {
namespace {

TEST(QuantityIncrement, IsTheVenuesStepWhenItGivesOne) {
  AssetRules rules;
  rules.min_trade_increment = core::Decimal::from_units(10'000); // 0.00001
  EXPECT_DOUBLE_EQ(quantity_increment(core::AssetClass::crypto, &rules), 1e-5);
}

TEST(QuantityIncrement, DefaultsToAlpacasNineDecimalsForCryptoAndWholeShares) {
  EXPECT_EQ(quantity_increment(core::AssetClass::crypto), 1e-9);
  EXPECT_EQ(quantity_increment(core::AssetClass::us_equity), 1.0);
  const AssetRules none; // no min_trade_increment: the default
  EXPECT_EQ(quantity_increment(core::AssetClass::crypto, &none), 1e-9);
}

TEST(FloorToIncrement, RoundsDownToCleanDecimals) {
  EXPECT_EQ(floor_to_increment(333.33, 1.0), 333.0);
  EXPECT_EQ(floor_to_increment(2.9999999999999996, 1.0), 3.0);
  EXPECT_EQ(floor_to_increment(0.4941680321, 1e-9), 0.494168032);
  EXPECT_EQ(floor_to_increment(-1.0, 1.0), 0.0);
  EXPECT_EQ(floor_to_increment(1.0, 0.0), 0.0);
}

} // namespace
} // namespace crew::execution
