#pragma once
// The fake's own reading of Alpaca's order refusals, written from alpaca-api.md (2.1, 3.5, 5, 6)
// and the recorded error bodies in the shared fixtures. It is deliberately independent of the
// client's broker/alpaca_rules: the broker contract test runs the client against this fake, and
// would only check those rules against themselves if the fake judged orders with them.
// Unlike the client's rules it never adjusts a request (no rounding, no clamping): Alpaca takes
// an order as sent or refuses it.
#include "core/order.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace crew::fake_alpaca {

// An HTTP answer: status and JSON body.
struct Answer {
  int status = 200;
  nlohmann::json body;
};

// Alpaca's error body {"code": ..., "message": ...} (alpaca-api.md 2.1).
Answer alpaca_error(int status, std::int64_t code, const std::string& message);

// What the venue knows of an asset (the /v2/assets fields that govern orders, 3.4).
struct AssetFacts {
  bool tradable = true;
  bool fractionable = true;
  std::optional<core::Decimal> min_order_size;      // crypto only, in base-asset units
  std::optional<core::Decimal> min_trade_increment; // crypto only, the qty step
};

// The fake's asset for `symbol` at `price`: every symbol it serves is tradable and fractionable;
// a crypto pair's min_order_size tracks about $1 of the base asset, its qty step is 1e-9.
AssetFacts fake_asset(const core::Symbol& symbol, double price);

// What the account and the market look like when the order arrives.
struct OrderContext {
  std::optional<AssetFacts> asset;         // none: the venue does not know the symbol
  std::optional<core::Decimal> price;      // the current price (last trade)
  core::Decimal existing_qty;              // the position's qty (0 without a position)
  core::Decimal held_for_orders;           // of it, what open sell orders hold
  std::vector<std::string> related_orders; // the ids of those open sell orders
  core::Decimal cash;                      // the account's cash
  core::Decimal buying_power;              // cash minus what open buy orders reserve
  std::string order_class;                 // the request's order_class ("" or "simple" is simple)
};

inline constexpr std::int64_t k_code_malformed = 40010000;  // HTTP 400 (alpaca-api.md: unverified)
inline constexpr std::int64_t k_code_validation = 40010001; // HTTP 422
inline constexpr std::int64_t k_code_business = 42210000;   // HTTP 422
inline constexpr std::int64_t k_code_funds = 40310000;      // HTTP 403

// Alpaca's crypto order value limits in USD (alpaca-api.md 6): the $10 minimum observed on paper
// and the documented $200,000 maximum.
inline constexpr std::int64_t k_crypto_min_cost_usd = 10;
inline constexpr std::int64_t k_crypto_max_cost_usd = 200'000;
// Fractional and notional equity orders start at $1 (alpaca-api.md 6).
inline constexpr std::int64_t k_fractional_min_cost_usd = 1;

// Alpaca's refusal of `request` (status, code, message and the documented context fields), or
// none when Alpaca would accept it. Duplicate client_order_ids are the book's to refuse.
std::optional<Answer> refuse_order(const core::OrderRequest& request, const OrderContext& context);

} // namespace crew::fake_alpaca
