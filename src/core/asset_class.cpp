#include "core/asset_class.hpp"

#include "core/text.hpp"

#include <string>

namespace crew::core {

std::string_view to_string(AssetClass asset_class) {
  switch (asset_class) {
  case AssetClass::us_equity:
    return "US_EQUITY";
  case AssetClass::crypto:
    return "CRYPTO";
  case AssetClass::forex:
    return "FOREX";
  }
  return "UNKNOWN";
}

Result<AssetClass> parse_asset_class(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  for (AssetClass asset_class : k_asset_classes) {
    if (upper == to_string(asset_class)) {
      return asset_class;
    }
  }
  return Error{
      "unknown asset class '" + printable(text) + "' (expected US_EQUITY, CRYPTO or FOREX)", ""};
}

} // namespace crew::core
