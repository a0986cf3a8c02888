#include "core/asset_class.hpp"

#include <gtest/gtest.h>

using namespace crew::core;

TEST(AssetClass, RoundTripsItsTextForm) {
  for (AssetClass asset_class : k_asset_classes) {
    EXPECT_EQ(*parse_asset_class(to_string(asset_class)), asset_class);
  }
  EXPECT_EQ(*parse_asset_class("crypto"), AssetClass::crypto);
  EXPECT_FALSE(parse_asset_class("STOCKS").ok());
}
