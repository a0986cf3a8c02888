#pragma once
// Orders, fills, positions and the account as plain values, shared by the brokers, risk, state
// and the engine. Field meanings follow Alpaca's trading API (alpaca-api.md section 3); the enum
// text forms are Alpaca's lowercase strings, defined once here. No I/O, no JSON.
#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace crew::core {

enum class Side { buy, sell };
enum class OrderType { market, limit, stop, stop_limit };
enum class TimeInForce { day, gtc, ioc, fok, opg, cls };

// Alpaca's order lifecycle. Final (is_terminal): filled, canceled, expired, rejected, replaced.
// Everything else, done_for_day included (it revives the next day), is still open.
enum class OrderStatus {
  new_, // text "new"
  pending_new,
  accepted,
  partially_filled,
  filled,
  canceled,
  expired,
  rejected,
  pending_cancel,
  pending_replace,
  replaced,
  done_for_day,
  accepted_for_bidding,
  stopped,
  suspended,
  calculated,
  held,
};

inline constexpr std::array<Side, 2> k_sides = {Side::buy, Side::sell};
inline constexpr std::array<OrderType, 4> k_order_types = {OrderType::market, OrderType::limit,
                                                           OrderType::stop, OrderType::stop_limit};
inline constexpr std::array<TimeInForce, 6> k_times_in_force = {TimeInForce::day, TimeInForce::gtc,
                                                                TimeInForce::ioc, TimeInForce::fok,
                                                                TimeInForce::opg, TimeInForce::cls};
inline constexpr std::array<OrderStatus, 17> k_order_statuses = {OrderStatus::new_,
                                                                 OrderStatus::pending_new,
                                                                 OrderStatus::accepted,
                                                                 OrderStatus::partially_filled,
                                                                 OrderStatus::filled,
                                                                 OrderStatus::canceled,
                                                                 OrderStatus::expired,
                                                                 OrderStatus::rejected,
                                                                 OrderStatus::pending_cancel,
                                                                 OrderStatus::pending_replace,
                                                                 OrderStatus::replaced,
                                                                 OrderStatus::done_for_day,
                                                                 OrderStatus::accepted_for_bidding,
                                                                 OrderStatus::stopped,
                                                                 OrderStatus::suspended,
                                                                 OrderStatus::calculated,
                                                                 OrderStatus::held};

// "buy", "sell".
std::string_view to_string(Side side);
// "market", "limit", "stop", "stop_limit".
std::string_view to_string(OrderType type);
// "day", "gtc", "ioc", "fok", "opg", "cls".
std::string_view to_string(TimeInForce time_in_force);
// "new", "pending_new", "partially_filled", … exactly as Alpaca writes them.
std::string_view to_string(OrderStatus status);

// Parse Alpaca's lowercase text forms exactly; anything else is an error naming the text.
Result<Side> parse_side(std::string_view text);
Result<OrderType> parse_order_type(std::string_view text);
Result<TimeInForce> parse_time_in_force(std::string_view text);
Result<OrderStatus> parse_order_status(std::string_view text);

constexpr Side opposite(Side side) {
  return side == Side::buy ? Side::sell : Side::buy;
}
// Final states: the order will never fill (more) or change again.
bool is_terminal(OrderStatus status);
// Not terminal: the order may still fill, so it holds the symbol for "one open order per symbol".
inline bool is_open(OrderStatus status) {
  return !is_terminal(status);
}

// What we ask the broker for. Exactly one of qty (> 0) and notional is set: qty is zero when the
// order is notional. limit_price for limit/stop_limit, stop_price for stop/stop_limit.
struct OrderRequest {
  Symbol symbol;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  TimeInForce time_in_force = TimeInForce::day;
  Decimal qty;
  std::optional<Decimal> notional;
  std::optional<Decimal> limit_price;
  std::optional<Decimal> stop_price;
  std::string client_order_id; // ≤ 48 chars, unique for the account forever

  bool operator==(const OrderRequest&) const = default;
};

// The shape rules Alpaca answers with 422 (qty xor notional, prices per type, positive values,
// client_order_id length). Venue rules (crypto TIF, fractional, minimums) belong to the brokers.
Status validate(const OrderRequest& request);

// An order as the broker reports it: the request's fields plus the broker's id and progress.
struct Order {
  std::string id; // the broker's id (a UUID at Alpaca); empty before the broker has seen it
  std::string client_order_id;
  Symbol symbol;
  Side side = Side::buy;
  OrderType type = OrderType::market;
  TimeInForce time_in_force = TimeInForce::day;
  Decimal qty; // zero for a notional order
  std::optional<Decimal> notional;
  std::optional<Decimal> limit_price;
  std::optional<Decimal> stop_price;
  OrderStatus status = OrderStatus::new_;
  Decimal filled_qty;
  std::optional<Decimal> filled_avg_price; // none until the first fill
  UtcTime created_at;
  UtcTime submitted_at;
  UtcTime updated_at;
  std::optional<UtcTime> filled_at;
  std::optional<UtcTime> canceled_at;
  std::optional<UtcTime> expired_at;
  std::optional<UtcTime> failed_at;

  // The request this order answers (for resubmission and comparison).
  OrderRequest request() const;
  // Qty still to fill (zero for notional orders, whose remainder is not a quantity).
  Decimal remaining_qty() const { return qty > filled_qty ? qty - filled_qty : Decimal{}; }

  bool operator==(const Order&) const = default;
};

// An order built from `request` with no broker id yet, status new, all times `at`.
Order make_order(const OrderRequest& request, UtcTime at);

// One execution: Alpaca's FILL activity (partial or full). `id` is the execution's own id (the
// activity id) so a replay of the same fills stores each once. qty and price describe this
// execution only; fee is in USD (crypto fees charged in the coin are converted at `price`).
struct Fill {
  std::string id;
  std::string order_id;
  std::string client_order_id;
  Symbol symbol;
  Side side = Side::buy;
  Decimal qty;
  Decimal price;
  Decimal fee;
  UtcTime time;

  Decimal notional() const { return qty * price; }
  bool operator==(const Fill&) const = default;
};

// A holding as the broker reports it (long only; a short would have negative qty). qty_available
// is qty minus what open orders hold: size sells from it (crypto buys pay fees in the coin).
struct Position {
  Symbol symbol;
  Decimal qty;
  Decimal qty_available;
  Decimal avg_entry_price;
  Decimal cost_basis;
  Decimal market_value;
  Decimal current_price;
  Decimal unrealized_pl;

  bool operator==(const Position&) const = default;
};

// The account snapshot (GET /v2/account). Money in USD. The day-trade fields were removed from
// Alpaca's responses in 2026, so they are optional.
struct Account {
  std::string id;
  std::string status = "ACTIVE"; // ACTIVE, INACTIVE, ACCOUNT_CLOSED, … (Alpaca's uppercase)
  std::string crypto_status = "ACTIVE";
  std::string currency = "USD";
  Decimal cash;
  Decimal equity;
  Decimal last_equity; // equity at the previous trading day's 16:00 New York
  Decimal buying_power;
  Decimal non_marginable_buying_power; // the only buying power crypto can use
  Decimal long_market_value;
  int multiplier = 1;
  bool trading_blocked = false;
  bool account_blocked = false;
  bool trade_suspended_by_user = false;
  std::optional<bool> pattern_day_trader;
  std::optional<int> daytrade_count;
  std::optional<int> crypto_tier;

  // Status ACTIVE and none of the blocked/suspended flags set.
  bool can_trade() const;
  bool operator==(const Account&) const = default;
};

} // namespace crew::core
