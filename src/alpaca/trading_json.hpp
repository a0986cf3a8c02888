#pragma once
// JSON ↔ values for the trading endpoints of alpaca-api.md section 3: orders, positions, the
// account, FILL and CFEE activities, the 207 bodies of cancel-all and close-all, and the order
// request body. Numbers travel as decimal strings both ways; symbols are normalised to the slash
// form (positions' BTCUSD becomes BTC/USD). Parse errors name the endpoint and the field.
#include "alpaca/market_types.hpp"
#include "core/order.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crew::alpaca {

// A CFEE activity: a crypto fee taken in the coin (qty negative, in the received asset).
struct FeeActivity {
  std::string id;
  core::Symbol symbol;
  core::Decimal qty;
  core::Decimal price;
  std::string date;
};

// One entry of a 207 answer (DELETE /v2/orders, DELETE /v2/positions). `key` is the outer `id`
// (cancel-all) or `symbol` (close-all, position form). A 200 entry carries the order.
struct MultiStatusEntry {
  std::string key;
  int status = 0;
  std::optional<core::Order> order;
  std::optional<ApiErrorBody> error;
};

core::Result<core::Order> parse_order(std::string_view body, std::string_view endpoint);
core::Result<std::vector<core::Order>> parse_orders(std::string_view body,
                                                    std::string_view endpoint);
core::Result<core::Position> parse_position(std::string_view body, std::string_view endpoint);
core::Result<std::vector<core::Position>> parse_positions(std::string_view body,
                                                          std::string_view endpoint);
core::Result<core::Account> parse_account(std::string_view body, std::string_view endpoint);
// FILL activities (an array or a single object) as fills (fee zero: Alpaca posts fees separately as
// CFEE/FEE).
core::Result<std::vector<core::Fill>> parse_fill_activities(std::string_view body,
                                                            std::string_view endpoint);
// CFEE activities; an array or a single object.
core::Result<std::vector<FeeActivity>> parse_fee_activities(std::string_view body,
                                                            std::string_view endpoint);
core::Result<std::vector<MultiStatusEntry>> parse_multi_status(std::string_view body,
                                                               std::string_view endpoint);

// The POST /v2/orders body: decimal strings, crypto symbols in the slash form.
std::string order_request_json(const core::OrderRequest& request);
// Parses a POST /v2/orders body (fake_alpaca and round-trip tests); symbols classified.
core::Result<core::OrderRequest> parse_order_request(std::string_view body,
                                                     std::string_view endpoint);

} // namespace crew::alpaca
