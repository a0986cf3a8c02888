#pragma once
// AssetClass: the three markets the system knows. The text form (US_EQUITY) is defined here once.
#include "core/result.hpp"

#include <array>
#include <string_view>

namespace crew::core {

enum class AssetClass { us_equity, crypto, forex };

inline constexpr std::array<AssetClass, 3> k_asset_classes = {
    AssetClass::us_equity, AssetClass::crypto, AssetClass::forex};

// "US_EQUITY", "CRYPTO", "FOREX".
std::string_view to_string(AssetClass asset_class);

// Accepts the text form in any case ("crypto", "US_EQUITY", "us_equity").
Result<AssetClass> parse_asset_class(std::string_view text);

} // namespace crew::core
