#pragma once
// Alpaca's venue rules, checked before an order leaves the process (alpaca-api.md sections 3.5,
// 5, 6 and 9) so that both brokers refuse the same requests the same way: crypto time in force
// and types, equity fractional orders, quantity increments, crypto minimums, and sells sized from
// qty_available. Pure functions over the request and what is known about the asset.
#include "broker/broker.hpp"
#include "core/order.hpp"

#include <optional>

namespace crew::broker {

// What the rules need to know at submission time.
struct VenueContext {
  AssetRules asset;
  std::optional<core::Decimal> price;         // a reference price (last trade); none if unknown
  std::optional<core::Decimal> qty_available; // the position's, for sells; none: no position
};

inline constexpr std::int64_t k_crypto_min_notional_usd = 10;

// The request as it will be sent (qty rounded down to the increment, a sell clamped to
// qty_available), or the refusal Alpaca would give (same HTTP status and message).
struct RuleOutcome {
  std::optional<core::OrderRequest> request;
  std::optional<SubmitError> error;
};

RuleOutcome apply_venue_rules(core::OrderRequest request, const VenueContext& context);

// A refusal of `kind` rejected with Alpaca's status and message.
SubmitError refusal(int http_status, std::string message);

} // namespace crew::broker
