#include "core/symbol.hpp"

#include <gtest/gtest.h>

using crew::core::AssetClass;
using crew::core::classify_symbol;

namespace {

void expect_class(const char* input, const char* normalised, AssetClass asset_class) {
  const auto symbol = classify_symbol(input);
  ASSERT_TRUE(symbol.ok()) << input << ": " << symbol.error().message();
  EXPECT_EQ(symbol->str(), normalised) << input;
  EXPECT_EQ(symbol->asset_class(), asset_class) << input;
}

} // namespace

TEST(ClassifySymbol, RecognisesEquities) {
  expect_class("AAPL", "AAPL", AssetClass::us_equity);
  expect_class("F", "F", AssetClass::us_equity);
  expect_class("GOOGL", "GOOGL", AssetClass::us_equity);
  expect_class("BRK.B", "BRK.B", AssetClass::us_equity);
  expect_class("brk.b", "BRK.B", AssetClass::us_equity);
  expect_class("BRK-B", "BRK.B", AssetClass::us_equity);
}

TEST(ClassifySymbol, RecognisesCryptoPairs) {
  expect_class("BTC/USD", "BTC/USD", AssetClass::crypto);
  expect_class("ETH/BTC", "ETH/BTC", AssetClass::crypto);
  expect_class("SHIB/USDT", "SHIB/USDT", AssetClass::crypto);
  expect_class("BTC-USDT", "BTC/USDT", AssetClass::crypto);
}

TEST(ClassifySymbol, NormalisesAlpacaPositionForm) {
  expect_class("BTCUSD", "BTC/USD", AssetClass::crypto);
  expect_class("ETHUSDT", "ETH/USDT", AssetClass::crypto);
  expect_class("DOGEUSDC", "DOGE/USDC", AssetClass::crypto);
  EXPECT_EQ(classify_symbol("BTC/USD")->position_form(), "BTCUSD");
  EXPECT_EQ(classify_symbol("AAPL")->position_form(), "AAPL");
}

TEST(ClassifySymbol, EurUsdIsForexNotCrypto) {
  expect_class("EUR/USD", "EUR/USD", AssetClass::forex);
  expect_class("USD/JPY", "USD/JPY", AssetClass::forex);
}

TEST(ClassifySymbol, RejectsGarbageWithAReason) {
  for (const char* bad :
       {"", "BTC/", "/USD", "TOOLONGTICKER", "abc123!!", "EUR/BTC", "ETH/EUR", "1234", "AAPL.BB",
        "XYZUSD", "0123456789012345678901234567890123456789"}) {
    const auto symbol = classify_symbol(bad);
    EXPECT_FALSE(symbol.ok()) << "accepted '" << bad << "'";
    if (!symbol) {
      EXPECT_NE(symbol.error().what.find("invalid symbol"), std::string::npos);
    }
  }
}

TEST(ClassifySymbol, ParseAsChecksTheExpectedClass) {
  EXPECT_TRUE(crew::core::parse_symbol_as("AAPL", AssetClass::us_equity).ok());
  EXPECT_FALSE(crew::core::parse_symbol_as("AAPL", AssetClass::crypto).ok());
}
