#include "engine/sim_venue_state.hpp"

#include "state/record_json.hpp"

#include <nlohmann/json.hpp>

namespace crew::engine {
namespace {

using nlohmann::json;

using state::decimal_or_null;
using state::time_or_null;

json order_json(const core::Order& o) {
  return {{"id", o.id},
          {"client_order_id", o.client_order_id},
          {"symbol", o.symbol.str()},
          {"side", core::to_string(o.side)},
          {"type", core::to_string(o.type)},
          {"time_in_force", core::to_string(o.time_in_force)},
          {"qty", o.qty.to_string()},
          {"notional", decimal_or_null(o.notional)},
          {"limit_price", decimal_or_null(o.limit_price)},
          {"stop_price", decimal_or_null(o.stop_price)},
          {"status", core::to_string(o.status)},
          {"filled_qty", o.filled_qty.to_string()},
          {"filled_avg_price", decimal_or_null(o.filled_avg_price)},
          {"created_at", core::format_rfc3339(o.created_at)},
          {"submitted_at", core::format_rfc3339(o.submitted_at)},
          {"updated_at", core::format_rfc3339(o.updated_at)},
          {"filled_at", time_or_null(o.filled_at)},
          {"canceled_at", time_or_null(o.canceled_at)},
          {"expired_at", time_or_null(o.expired_at)},
          {"failed_at", time_or_null(o.failed_at)}};
}

json fill_json(const core::Fill& f) {
  return {{"id", f.id},
          {"order_id", f.order_id},
          {"client_order_id", f.client_order_id},
          {"symbol", f.symbol.str()},
          {"side", core::to_string(f.side)},
          {"qty", f.qty.to_string()},
          {"price", f.price.to_string()},
          {"fee", f.fee.to_string()},
          {"time", core::format_rfc3339(f.time)}};
}

json position_json(const core::Position& p) {
  return {{"symbol", p.symbol.str()},
          {"qty", p.qty.to_string()},
          {"qty_available", p.qty_available.to_string()},
          {"avg_entry_price", p.avg_entry_price.to_string()},
          {"cost_basis", p.cost_basis.to_string()},
          {"market_value", p.market_value.to_string()},
          {"current_price", p.current_price.to_string()},
          {"unrealized_pl", p.unrealized_pl.to_string()}};
}

// Reading: every accessor throws a core::Error naming the field; the entry point catches it.
const json& field(const json& object, const char* name) {
  if (!object.is_object() || !object.contains(name)) {
    throw core::Error{std::string("missing field '") + name + "'", "sim.broker state"};
  }
  return object.at(name);
}

std::string text(const json& object, const char* name) {
  const auto& value = field(object, name);
  if (!value.is_string()) {
    throw core::Error{std::string("field '") + name + "' is not a string", "sim.broker state"};
  }
  return value.get<std::string>();
}

template <typename T>
T checked(core::Result<T> result, const char* name) {
  if (!result) {
    throw core::Error{std::string("field '") + name + "': " + result.error().what,
                      "sim.broker state"};
  }
  return std::move(*result);
}

core::Decimal decimal(const json& object, const char* name) {
  return checked(core::parse_decimal(text(object, name)), name);
}

std::optional<core::Decimal> maybe_decimal(const json& object, const char* name) {
  if (field(object, name).is_null()) {
    return std::nullopt;
  }
  return decimal(object, name);
}

core::UtcTime time(const json& object, const char* name) {
  return checked(core::parse_rfc3339(text(object, name)), name);
}

std::optional<core::UtcTime> maybe_time(const json& object, const char* name) {
  if (field(object, name).is_null()) {
    return std::nullopt;
  }
  return time(object, name);
}

core::Symbol symbol(const json& object) {
  return checked(core::classify_symbol(text(object, "symbol")), "symbol");
}

core::Order order_from(const json& j) {
  core::Order o;
  o.id = text(j, "id");
  o.client_order_id = text(j, "client_order_id");
  o.symbol = symbol(j);
  o.side = checked(core::parse_side(text(j, "side")), "side");
  o.type = checked(core::parse_order_type(text(j, "type")), "type");
  o.time_in_force = checked(core::parse_time_in_force(text(j, "time_in_force")), "time_in_force");
  o.qty = decimal(j, "qty");
  o.notional = maybe_decimal(j, "notional");
  o.limit_price = maybe_decimal(j, "limit_price");
  o.stop_price = maybe_decimal(j, "stop_price");
  o.status = checked(core::parse_order_status(text(j, "status")), "status");
  o.filled_qty = decimal(j, "filled_qty");
  o.filled_avg_price = maybe_decimal(j, "filled_avg_price");
  o.created_at = time(j, "created_at");
  o.submitted_at = time(j, "submitted_at");
  o.updated_at = time(j, "updated_at");
  o.filled_at = maybe_time(j, "filled_at");
  o.canceled_at = maybe_time(j, "canceled_at");
  o.expired_at = maybe_time(j, "expired_at");
  o.failed_at = maybe_time(j, "failed_at");
  return o;
}

core::Fill fill_from(const json& j) {
  core::Fill f;
  f.id = text(j, "id");
  f.order_id = text(j, "order_id");
  f.client_order_id = text(j, "client_order_id");
  f.symbol = symbol(j);
  f.side = checked(core::parse_side(text(j, "side")), "side");
  f.qty = decimal(j, "qty");
  f.price = decimal(j, "price");
  f.fee = decimal(j, "fee");
  f.time = time(j, "time");
  return f;
}

core::Position position_from(const json& j) {
  core::Position p;
  p.symbol = symbol(j);
  p.qty = decimal(j, "qty");
  p.qty_available = decimal(j, "qty_available");
  p.avg_entry_price = decimal(j, "avg_entry_price");
  p.cost_basis = decimal(j, "cost_basis");
  p.market_value = decimal(j, "market_value");
  p.current_price = decimal(j, "current_price");
  p.unrealized_pl = decimal(j, "unrealized_pl");
  return p;
}

std::uint64_t counter(const json& object, const char* name) {
  const auto& value = field(object, name);
  if (!value.is_number_unsigned()) {
    throw core::Error{std::string("field '") + name + "' is not a count", "sim.broker state"};
  }
  return value.get<std::uint64_t>();
}

const json& array(const json& object, const char* name) {
  const auto& value = field(object, name);
  if (!value.is_array()) {
    throw core::Error{std::string("field '") + name + "' is not an array", "sim.broker state"};
  }
  return value;
}

} // namespace

std::string sim_state_to_json(const broker::SimBrokerState& state) {
  const auto horizon = state.now - k_sim_history;
  json orders = json::array();
  for (const auto& order : state.orders) {
    if (core::is_open(order.status) || order.updated_at >= horizon) {
      orders.push_back(order_json(order));
    }
  }
  json fills = json::array();
  for (const auto& fill : state.fills) {
    if (fill.time >= horizon) {
      fills.push_back(fill_json(fill));
    }
  }
  json positions = json::array();
  for (const auto& [name, position] : state.positions) {
    positions.push_back(position_json(position));
  }
  json prices = json::object();
  for (const auto& [name, price] : state.last_prices) {
    prices[name] = price.to_string();
  }
  json attached = json::object();
  for (const auto& [entry, stop] : state.attached_stops) {
    attached[entry] = json{{"client_order_id", stop.client_order_id},
                           {"stop_distance", stop.stop_distance},
                           {"limit_offset", stop.limit_offset}};
  }
  return json{{"cash", state.cash.to_string()},
              {"last_equity", state.last_equity.to_string()},
              {"positions", positions},
              {"orders", orders},
              {"fills", fills},
              {"last_prices", prices},
              {"attached_stops", attached},
              {"next_order", state.next_order},
              {"next_fill", state.next_fill},
              {"now", core::format_rfc3339(state.now)}}
      .dump();
}

core::Result<broker::SimBrokerState> sim_state_from_json(const std::string& text_in) {
  const auto j = json::parse(text_in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return core::Error{"not a JSON object", "sim.broker state"};
  }
  try {
    broker::SimBrokerState state;
    state.cash = decimal(j, "cash");
    state.last_equity = decimal(j, "last_equity");
    for (const auto& p : array(j, "positions")) {
      auto position = position_from(p);
      state.positions[position.symbol.str()] = position;
    }
    for (const auto& o : array(j, "orders")) {
      state.orders.push_back(order_from(o));
    }
    for (const auto& f : array(j, "fills")) {
      state.fills.push_back(fill_from(f));
    }
    const auto& prices = field(j, "last_prices");
    if (!prices.is_object()) {
      return core::Error{"field 'last_prices' is not an object", "sim.broker state"};
    }
    for (const auto& [name, price] : prices.items()) {
      if (!price.is_string()) {
        return core::Error{"a last price is not a string", "sim.broker state"};
      }
      state.last_prices[name] =
          checked(core::parse_decimal(price.get<std::string>()), "last_prices");
    }
    // Older states have none.
    if (const auto found = j.find("attached_stops"); found != j.end()) {
      if (!found->is_object()) {
        return core::Error{"field 'attached_stops' is not an object", "sim.broker state"};
      }
      for (const auto& [entry, stop] : found->items()) {
        if (!stop.is_object() || !stop.contains("client_order_id") ||
            !stop["client_order_id"].is_string() || !stop.contains("stop_distance") ||
            !stop["stop_distance"].is_number() || !stop.contains("limit_offset") ||
            !stop["limit_offset"].is_number()) {
          return core::Error{"an attached stop is malformed", "sim.broker state"};
        }
        state.attached_stops[entry] = broker::ProtectiveStop{
            stop["client_order_id"].get<std::string>(), stop["stop_distance"].get<double>(),
            stop["limit_offset"].get<double>()};
      }
    }
    state.next_order = counter(j, "next_order");
    state.next_fill = counter(j, "next_fill");
    state.now = time(j, "now");
    return state;
  } catch (const core::Error& error) {
    return error;
  }
}

} // namespace crew::engine
