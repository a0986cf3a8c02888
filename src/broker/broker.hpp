#pragma once
// Broker: the port through which the engine trades. SimBroker (an in-process exchange over the
// bars the loop sees) and AlpacaBroker (Alpaca's trading REST API) implement it, so the same
// session code runs in simulation, dry run, paper and live. Money and quantities are Decimal.
#include "core/order.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "execution/asset_rules.hpp"

#include <optional>
#include <string>
#include <vector>

namespace crew::broker {

// Why a submit did not produce an order, as Alpaca would say it. `rejected` is a definitive "no"
// (4xx: validation, funds, duplicate id); `unknown` means the outcome is not known (timeout, 5xx,
// dropped connection) and the caller must look the order up by client_order_id before anything
// else.
struct SubmitError {
  enum class Kind { rejected, duplicate_client_order_id, unknown };
  Kind kind = Kind::rejected;
  int http_status = 0;
  std::string message;
};

// What the venue says about one asset (GET /v2/assets fields). Defaults suit an equity.
using AssetRules = execution::AssetRules;

// The protective stop of an entry, to rest from the moment the entry fills: `stop_distance`
// below the fill price, as execution::protective_stop gives it (a stop-limit `limit_offset` below
// the stop for crypto), sized to the quantity the fill left in the position.
struct ProtectiveStop {
  std::string client_order_id;
  double stop_distance = 0.0;
  double limit_offset = 0.0;
};

struct SubmitResult {
  std::optional<core::Order> order; // set on success
  std::optional<SubmitError> error; // set on failure
  bool ok() const { return order.has_value(); }
};

class Broker {
public:
  virtual ~Broker() = default;

  virtual core::Result<core::Account> account() = 0;
  virtual core::Result<std::vector<core::Position>> positions() = 0;
  virtual core::Result<std::vector<core::Order>> open_orders() = 0;
  // Submits with request.client_order_id (required). Never retried blindly by implementations.
  virtual SubmitResult submit(const core::OrderRequest& request) = 0;
  virtual core::Status cancel(const std::string& order_id) = 0;
  // Market-closes the whole position in `symbol` (sized from qty_available); returns the order.
  virtual core::Result<core::Order> close_position(const core::Symbol& symbol) = 0;
  // Cancels every open order, then closes every position.
  virtual core::Status close_all() = 0;
  // The order with this client_order_id, nullopt when the broker has never seen it.
  virtual core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) = 0;
  // Executions at or after `since`, oldest first.
  virtual core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) = 0;
  // What the venue says about `symbol` (its minimums and increments), from what the broker has
  // already learnt (no request of its own for it); nullopt when it knows nothing about the symbol,
  // and the risk rules then use their defaults.
  virtual std::optional<AssetRules> asset_rules(const core::Symbol& /*symbol*/) {
    return std::nullopt;
  }
  // Asks the venue to place `stop` as soon as the open entry order `entry_client_order_id`
  // fills, so the position is protected from its first price on (SimBroker). False when the
  // venue cannot (Alpaca: the loop places the stop itself once it sees the fill).
  virtual bool attach_stop(const std::string& /*entry_client_order_id*/,
                           const ProtectiveStop& /*stop*/) {
    return false;
  }
};

} // namespace crew::broker
