// Symbol classification, design.md section 2:
//   BASE/QUOTE, both ISO-4217 fiat                       → FOREX     (EUR/USD)
//   BASE/QUOTE, QUOTE in {USD,USDT,USDC,BTC,ETH}, BASE not fiat → CRYPTO (BTC/USD, ETH/BTC)
//   BASEQUOTE splitting into a known crypto base + quote → CRYPTO, normalised (BTCUSD → BTC/USD)
//   1–5 capital letters, optionally '.' or '-' + one class letter → US_EQUITY (AAPL, BRK.B)
// Letters are upper-cased first, so "brk.b" is BRK.B; the dash form BTC-USDT (file names) is read
// as a pair. A "USD" substring alone never makes a symbol crypto: EUR/USD is forex.
#include "core/symbol.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>

namespace crew::core {
namespace {

constexpr std::array<std::string_view, 40> k_fiat = {
    "USD", "EUR", "JPY", "GBP", "CHF", "AUD", "CAD", "NZD", "SEK", "NOK",
    "DKK", "HKD", "SGD", "CNY", "CNH", "MXN", "ZAR", "TRY", "PLN", "HUF",
    "CZK", "ILS", "KRW", "INR", "BRL", "RUB", "THB", "TWD", "IDR", "MYR",
    "PHP", "SAR", "AED", "CLP", "COP", "PEN", "ARS", "ISK", "RON", "BGN"};

constexpr std::array<std::string_view, 5> k_crypto_quotes = {"USDT", "USDC", "USD", "BTC", "ETH"};

// Bases we recognise in the slash-less position form (Alpaca's list and the larger coins).
constexpr std::array<std::string_view, 48> k_known_crypto_bases = {
    "BTC",   "ETH",  "SOL",  "XRP",   "ADA",    "DOGE", "AVAX", "DOT",   "LINK", "LTC",
    "BCH",   "UNI",  "AAVE", "SHIB",  "XLM",    "ATOM", "ETC",  "TRX",   "BNB",  "PAXG",
    "MATIC", "POL",  "ALGO", "BAT",   "CRV",    "GRT",  "MKR",  "SUSHI", "XTZ",  "YFI",
    "USDT",  "USDC", "PEPE", "TRUMP", "RENDER", "SKY",  "ARB",  "ONDO",  "HYPE", "LDO",
    "FIL",   "NEAR", "APT",  "SUI",   "TON",    "WIF",  "BONK", "XMR"};

bool contains(auto const& list, std::string_view code) {
  return std::find(list.begin(), list.end(), code) != list.end();
}

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alnum_upper(char c) {
  return is_upper(c) || (c >= '0' && c <= '9');
}

// A pair component: 2–12 capital letters or digits, starting with a letter.
bool is_pair_code(std::string_view code) {
  return code.size() >= 2 && code.size() <= 12 && is_upper(code[0]) &&
         std::all_of(code.begin(), code.end(), is_alnum_upper);
}

Error invalid(std::string_view input, const std::string& why) {
  return Error{"invalid symbol '" + printable(input) + "': " + why, ""};
}

Result<Symbol> classify_pair(std::string_view input, std::string_view base,
                             std::string_view quote) {
  if (base.empty() || quote.empty()) {
    return invalid(input, "a pair needs both BASE and QUOTE");
  }
  if (!is_pair_code(base) || !is_pair_code(quote)) {
    return invalid(input, "pair components must be 2-12 letters or digits");
  }
  std::string text = std::string(base) + "/" + std::string(quote);
  if (is_fiat_code(base) && is_fiat_code(quote)) {
    return Symbol(text, AssetClass::forex, std::string(base), std::string(quote));
  }
  if (is_crypto_quote(quote) && !is_fiat_code(base)) {
    return Symbol(text, AssetClass::crypto, std::string(base), std::string(quote));
  }
  if (is_fiat_code(base)) {
    return invalid(input, "a fiat base needs a fiat quote (forex)");
  }
  return invalid(input, "unsupported quote '" + std::string(quote) +
                            "' (crypto quotes are USD, USDT, USDC, BTC, ETH)");
}

bool is_equity_ticker(std::string_view s) {
  std::size_t letters = 0;
  while (letters < s.size() && is_upper(s[letters])) {
    ++letters;
  }
  if (letters < 1 || letters > 5) {
    return false;
  }
  if (letters == s.size()) {
    return true;
  }
  return s.size() == letters + 2 && (s[letters] == '.' || s[letters] == '-') &&
         is_upper(s[letters + 1]);
}

} // namespace

Symbol::Symbol(std::string text, AssetClass asset_class, std::string base, std::string quote)
    : m_text(std::move(text)), m_asset_class(asset_class), m_base(std::move(base)),
      m_quote(std::move(quote)) {}

std::string Symbol::position_form() const {
  if (m_quote.empty()) {
    return m_text;
  }
  return m_base + m_quote;
}

std::string Symbol::file_form() const {
  std::string out = m_text;
  std::replace(out.begin(), out.end(), '/', '-');
  return out;
}

bool is_fiat_code(std::string_view code) {
  return contains(k_fiat, code);
}
bool is_crypto_quote(std::string_view code) {
  return contains(k_crypto_quotes, code);
}

Result<Symbol> classify_symbol(std::string_view input) {
  if (input.empty()) {
    return invalid(input, "empty");
  }
  if (input.size() > 24) {
    return invalid(input, "longer than 24 characters");
  }
  std::string s(input);
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  if (const auto slash = s.find('/'); slash != std::string::npos) {
    return classify_pair(input, std::string_view(s).substr(0, slash),
                         std::string_view(s).substr(slash + 1));
  }
  if (is_equity_ticker(s)) {
    std::replace(s.begin(), s.end(), '-', '.');
    // A 5-letter run such as BTCUSD does not reach here (6 letters); ETHBTC neither.
    return Symbol(s, AssetClass::us_equity, s);
  }
  if (const auto dash = s.find('-'); dash != std::string::npos) {
    const std::string_view base = std::string_view(s).substr(0, dash);
    const std::string_view quote = std::string_view(s).substr(dash + 1);
    if (is_crypto_quote(quote) || (is_fiat_code(base) && is_fiat_code(quote))) {
      return classify_pair(input, base, quote);
    }
    return invalid(input, "not a ticker (1-5 letters, optional .X class) nor a BASE-QUOTE pair");
  }
  // Position form: a known crypto base followed by a crypto quote, longest quote first.
  for (std::string_view quote : k_crypto_quotes) {
    if (s.size() > quote.size() && std::string_view(s).ends_with(quote)) {
      const std::string_view base = std::string_view(s).substr(0, s.size() - quote.size());
      if (contains(k_known_crypto_bases, base)) {
        return classify_pair(input, base, quote);
      }
    }
  }
  return invalid(input, "not a ticker (1-5 capital letters, optional .X class), a BASE/QUOTE "
                        "pair, or a known crypto pair such as BTCUSD");
}

Result<Symbol> parse_symbol_as(std::string_view input, AssetClass expected) {
  auto symbol = classify_symbol(input);
  if (symbol && symbol->asset_class() != expected) {
    return invalid(input, "is " + std::string(to_string(symbol->asset_class())) + ", expected " +
                              std::string(to_string(expected)));
  }
  return symbol;
}

} // namespace crew::core
