#pragma once
// Symbol: a normalised ticker with its asset class, as design.md section 2 classifies it.
// Crypto and forex pairs are held in the slash form (BTC/USD); Alpaca's position form (BTCUSD)
// is produced on demand and parsed back by classify_symbol.
#include "core/asset_class.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace crew::core {

class Symbol {
public:
  Symbol() = default;
  Symbol(std::string text, AssetClass asset_class, std::string base = {}, std::string quote = {});

  const std::string& str() const { return m_text; }
  AssetClass asset_class() const { return m_asset_class; }
  // For pairs: BTC and USD of BTC/USD; for equities base is the ticker and quote is empty.
  const std::string& base() const { return m_base; }
  const std::string& quote() const { return m_quote; }
  // Alpaca's position form: BTCUSD for BTC/USD; equities are unchanged.
  std::string position_form() const;
  // A form safe in file names: BTC-USD, BRK.B.
  std::string file_form() const;

  bool operator==(const Symbol& other) const { return m_text == other.m_text; }
  auto operator<=>(const Symbol& other) const { return m_text <=> other.m_text; }

private:
  std::string m_text;
  AssetClass m_asset_class = AssetClass::us_equity;
  std::string m_base;
  std::string m_quote;
};

// Classifies and normalises a symbol (letters upper-cased, BRK-B → BRK.B, BTCUSD → BTC/USD,
// BTC-USDT → BTC/USDT). Errors name the input and the rule it breaks.
Result<Symbol> classify_symbol(std::string_view input);

// Like classify_symbol, but the result must be of `expected` class.
Result<Symbol> parse_symbol_as(std::string_view input, AssetClass expected);

bool is_fiat_code(std::string_view code);
bool is_crypto_quote(std::string_view code);

} // namespace crew::core
