#include "core/order.hpp"

#include "core/text.hpp"

#include <string>

namespace crew::core {

namespace {

// Finds the value of `all` whose text form is exactly `text`.
template <typename Enum, std::size_t N>
Result<Enum> parse_exact(std::string_view text, const std::array<Enum, N>& all,
                         std::string_view kind) {
  for (Enum value : all) {
    if (text == to_string(value)) {
      return value;
    }
  }
  return Error{"unknown " + std::string(kind) + " '" + printable(text) + "'", ""};
}

} // namespace

std::string_view to_string(Side side) {
  return side == Side::buy ? "buy" : "sell";
}

std::string_view to_string(OrderType type) {
  switch (type) {
  case OrderType::market:
    return "market";
  case OrderType::limit:
    return "limit";
  case OrderType::stop:
    return "stop";
  case OrderType::stop_limit:
    return "stop_limit";
  }
  return "unknown";
}

std::string_view to_string(TimeInForce time_in_force) {
  switch (time_in_force) {
  case TimeInForce::day:
    return "day";
  case TimeInForce::gtc:
    return "gtc";
  case TimeInForce::ioc:
    return "ioc";
  case TimeInForce::fok:
    return "fok";
  case TimeInForce::opg:
    return "opg";
  case TimeInForce::cls:
    return "cls";
  }
  return "unknown";
}

std::string_view to_string(OrderStatus status) {
  switch (status) {
  case OrderStatus::new_:
    return "new";
  case OrderStatus::pending_new:
    return "pending_new";
  case OrderStatus::accepted:
    return "accepted";
  case OrderStatus::partially_filled:
    return "partially_filled";
  case OrderStatus::filled:
    return "filled";
  case OrderStatus::canceled:
    return "canceled";
  case OrderStatus::expired:
    return "expired";
  case OrderStatus::rejected:
    return "rejected";
  case OrderStatus::pending_cancel:
    return "pending_cancel";
  case OrderStatus::pending_replace:
    return "pending_replace";
  case OrderStatus::replaced:
    return "replaced";
  case OrderStatus::done_for_day:
    return "done_for_day";
  case OrderStatus::accepted_for_bidding:
    return "accepted_for_bidding";
  case OrderStatus::stopped:
    return "stopped";
  case OrderStatus::suspended:
    return "suspended";
  case OrderStatus::calculated:
    return "calculated";
  case OrderStatus::held:
    return "held";
  }
  return "unknown";
}

Result<Side> parse_side(std::string_view text) {
  return parse_exact(text, k_sides, "side");
}

Result<OrderType> parse_order_type(std::string_view text) {
  return parse_exact(text, k_order_types, "order type");
}

Result<TimeInForce> parse_time_in_force(std::string_view text) {
  return parse_exact(text, k_times_in_force, "time in force");
}

Result<OrderStatus> parse_order_status(std::string_view text) {
  return parse_exact(text, k_order_statuses, "order status");
}

bool is_terminal(OrderStatus status) {
  switch (status) {
  case OrderStatus::filled:
  case OrderStatus::canceled:
  case OrderStatus::expired:
  case OrderStatus::rejected:
  case OrderStatus::replaced:
    return true;
  default:
    return false;
  }
}

Status validate(const OrderRequest& r) {
  const std::string where = r.client_order_id.empty() ? r.symbol.str() : r.client_order_id;
  const bool has_qty = !r.qty.is_zero();
  if (has_qty == r.notional.has_value()) {
    return Error{"exactly one of qty and notional must be given", where};
  }
  if (r.qty.is_negative() || (r.notional && !(*r.notional > Decimal{}))) {
    return Error{"qty and notional must be positive", where};
  }
  const bool needs_limit = r.type == OrderType::limit || r.type == OrderType::stop_limit;
  const bool needs_stop = r.type == OrderType::stop || r.type == OrderType::stop_limit;
  if (needs_limit != r.limit_price.has_value()) {
    return Error{needs_limit ? "limit_price is required for " + std::string(to_string(r.type))
                             : "limit_price is not allowed for " + std::string(to_string(r.type)),
                 where};
  }
  if (needs_stop != r.stop_price.has_value()) {
    return Error{needs_stop ? "stop_price is required for " + std::string(to_string(r.type))
                            : "stop_price is not allowed for " + std::string(to_string(r.type)),
                 where};
  }
  if ((r.limit_price && !(*r.limit_price > Decimal{})) ||
      (r.stop_price && !(*r.stop_price > Decimal{}))) {
    return Error{"prices must be positive", where};
  }
  if (r.client_order_id.size() > 48) {
    return Error{"client_order_id is longer than 48 characters", where};
  }
  return {};
}

OrderRequest Order::request() const {
  return OrderRequest{symbol,   side,        type,       time_in_force,  qty,
                      notional, limit_price, stop_price, client_order_id};
}

Order make_order(const OrderRequest& request, UtcTime at) {
  Order order;
  order.client_order_id = request.client_order_id;
  order.symbol = request.symbol;
  order.side = request.side;
  order.type = request.type;
  order.time_in_force = request.time_in_force;
  order.qty = request.qty;
  order.notional = request.notional;
  order.limit_price = request.limit_price;
  order.stop_price = request.stop_price;
  order.created_at = at;
  order.submitted_at = at;
  order.updated_at = at;
  return order;
}

bool Account::can_trade() const {
  return status == "ACTIVE" && !trading_blocked && !account_blocked && !trade_suspended_by_user;
}

} // namespace crew::core
