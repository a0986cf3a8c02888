// Decoding in nlohmann::json's non-throwing style, as json_mapping.cpp does: every field is
// type-checked and a wrong one becomes an Error naming endpoint and JSON path. Decimal fields
// accept strings (the API's form) and numbers (older fixtures, hand-written requests).
#include "alpaca/trading_json.hpp"

#include "alpaca/json_reader.hpp"

#include <nlohmann/json.hpp>

namespace crew::alpaca {
namespace {

using nlohmann::json;

using json_reader::find;
using json_reader::parse_json;
using json_reader::Where;

core::Result<std::optional<std::string>> opt_text(const json& object, const char* key,
                                                  const Where& where) {
  const json* value = find(object, key);
  if (value == nullptr) {
    return std::optional<std::string>{};
  }
  if (!value->is_string()) {
    return where.at(key).error("not a string");
  }
  return std::optional<std::string>{value->get<std::string>()};
}

core::Result<std::string> text(const json& object, const char* key, const Where& where) {
  auto value = opt_text(object, key, where);
  if (!value) {
    return value.error();
  }
  if (!*value) {
    return where.at(key).error("missing string");
  }
  return **value;
}

core::Result<std::optional<core::Decimal>> opt_decimal(const json& object, const char* key,
                                                       const Where& where) {
  const json* value = find(object, key);
  if (value == nullptr) {
    return std::optional<core::Decimal>{};
  }
  std::string raw;
  if (value->is_string()) {
    raw = value->get<std::string>();
  } else if (value->is_number()) {
    raw = value->dump();
  } else {
    return where.at(key).error("not a decimal");
  }
  // Alpaca sends averages with up to 20 decimals; Decimal holds 9, so the rest is cut off.
  if (const auto dot = raw.find('.'); dot != std::string::npos && raw.size() - dot - 1 > 9 &&
                                      raw.find_first_of("eE") == std::string::npos) {
    raw.resize(dot + 10);
  }
  auto parsed = core::parse_decimal(raw);
  if (!parsed) {
    return where.at(key).error("bad decimal '" + raw + "'");
  }
  return std::optional<core::Decimal>{*parsed};
}

core::Result<core::Decimal> decimal(const json& object, const char* key, const Where& where,
                                    bool required = true) {
  auto value = opt_decimal(object, key, where);
  if (!value) {
    return value.error();
  }
  if (!*value) {
    if (required) {
      return where.at(key).error("missing decimal");
    }
    return core::Decimal{};
  }
  return **value;
}

core::Result<std::optional<core::UtcTime>> opt_time(const json& object, const char* key,
                                                    const Where& where) {
  auto value = opt_text(object, key, where);
  if (!value) {
    return value.error();
  }
  if (!*value) {
    return std::optional<core::UtcTime>{};
  }
  auto parsed = core::parse_rfc3339(**value);
  if (!parsed) {
    return where.at(key).error("bad timestamp '" + **value + "'");
  }
  return std::optional<core::UtcTime>{*parsed};
}

core::Result<bool> flag(const json& object, const char* key, const Where& where) {
  const json* value = find(object, key);
  if (value == nullptr) {
    return false;
  }
  if (!value->is_boolean()) {
    return where.at(key).error("not a boolean");
  }
  return value->get<bool>();
}

// Symbols from any trading payload: BTC/USD, or BTCUSD when the payload says it is crypto.
core::Result<core::Symbol> symbol_of(const json& object, const Where& where) {
  auto raw = text(object, "symbol", where);
  if (!raw) {
    return raw.error();
  }
  auto asset_class = opt_text(object, "asset_class", where);
  auto symbol = asset_class && *asset_class && **asset_class == "crypto"
                    ? core::parse_symbol_as(*raw, core::AssetClass::crypto)
                    : core::classify_symbol(*raw);
  if (!symbol) {
    return where.at("symbol").error(symbol.error().what);
  }
  return symbol;
}

// A core parse of one field (side, type, time in force, status, symbol): its error gets the
// field's place, so the message names the endpoint and the JSON path like every other.
template <typename T>
core::Result<T> at_field(core::Result<T> parsed, const Where& where, const char* key) {
  if (!parsed) {
    return where.at(key).error(parsed.error().what);
  }
  return parsed;
}

#define CREW_TRY(var, expr)                                                                        \
  auto var = (expr);                                                                               \
  if (!var) {                                                                                      \
    return var.error();                                                                            \
  }

core::Result<core::Order> order_value(const json& value, const Where& where) {
  if (!value.is_object()) {
    return where.error("not an order object");
  }
  core::Order order;
  CREW_TRY(id, text(value, "id", where));
  CREW_TRY(client_id, text(value, "client_order_id", where));
  CREW_TRY(symbol, symbol_of(value, where));
  CREW_TRY(side_text, text(value, "side", where));
  CREW_TRY(side, at_field(core::parse_side(*side_text), where, "side"));
  auto type_text = opt_text(value, "type", where);
  if (!type_text) {
    return type_text.error();
  }
  CREW_TRY(order_type_text,
           *type_text ? core::Result<std::string>(**type_text) : text(value, "order_type", where));
  CREW_TRY(type, at_field(core::parse_order_type(*order_type_text), where, "type"));
  CREW_TRY(tif_text, text(value, "time_in_force", where));
  CREW_TRY(tif, at_field(core::parse_time_in_force(*tif_text), where, "time_in_force"));
  CREW_TRY(status_text, text(value, "status", where));
  CREW_TRY(status, at_field(core::parse_order_status(*status_text), where, "status"));
  CREW_TRY(qty, decimal(value, "qty", where, false));
  CREW_TRY(notional, opt_decimal(value, "notional", where));
  CREW_TRY(limit, opt_decimal(value, "limit_price", where));
  CREW_TRY(stop, opt_decimal(value, "stop_price", where));
  CREW_TRY(filled_qty, decimal(value, "filled_qty", where, false));
  CREW_TRY(avg, opt_decimal(value, "filled_avg_price", where));
  CREW_TRY(created, opt_time(value, "created_at", where));
  CREW_TRY(submitted, opt_time(value, "submitted_at", where));
  CREW_TRY(updated, opt_time(value, "updated_at", where));
  CREW_TRY(filled_at, opt_time(value, "filled_at", where));
  CREW_TRY(canceled_at, opt_time(value, "canceled_at", where));
  CREW_TRY(expired_at, opt_time(value, "expired_at", where));
  CREW_TRY(failed_at, opt_time(value, "failed_at", where));
  order.id = *id;
  order.client_order_id = *client_id;
  order.symbol = *symbol;
  order.side = *side;
  order.type = *type;
  order.time_in_force = *tif;
  order.status = *status;
  order.qty = *qty;
  order.notional = *notional;
  order.limit_price = *limit;
  order.stop_price = *stop;
  order.filled_qty = *filled_qty;
  order.filled_avg_price = *avg;
  order.created_at = created->value_or(core::UtcTime{});
  order.submitted_at = submitted->value_or(order.created_at);
  order.updated_at = updated->value_or(order.created_at);
  order.filled_at = *filled_at;
  order.canceled_at = *canceled_at;
  order.expired_at = *expired_at;
  order.failed_at = *failed_at;
  return order;
}

core::Result<core::Position> position_value(const json& value, const Where& where) {
  if (!value.is_object()) {
    return where.error("not a position object");
  }
  CREW_TRY(symbol, symbol_of(value, where));
  CREW_TRY(qty, decimal(value, "qty", where));
  CREW_TRY(available, opt_decimal(value, "qty_available", where));
  CREW_TRY(avg, decimal(value, "avg_entry_price", where, false));
  CREW_TRY(cost, decimal(value, "cost_basis", where, false));
  CREW_TRY(market_value, decimal(value, "market_value", where, false));
  CREW_TRY(price, decimal(value, "current_price", where, false));
  CREW_TRY(pl, decimal(value, "unrealized_pl", where, false));
  core::Position position;
  position.symbol = *symbol;
  position.qty = *qty;
  position.qty_available = available->value_or(*qty);
  position.avg_entry_price = *avg;
  position.cost_basis = *cost;
  position.market_value = *market_value;
  position.current_price = *price;
  position.unrealized_pl = *pl;
  return position;
}

core::Result<std::optional<int>> opt_int(const json& object, const char* key, const Where& where) {
  const json* value = find(object, key);
  if (value == nullptr) {
    return std::optional<int>{};
  }
  if (value->is_number_integer()) {
    return std::optional<int>{value->get<int>()};
  }
  if (value->is_string()) {
    try {
      return std::optional<int>{std::stoi(value->get<std::string>())};
    } catch (const std::exception&) {
      return where.at(key).error("not an integer");
    }
  }
  return where.at(key).error("not an integer");
}

template <typename T, typename F>
core::Result<std::vector<T>> array_of(std::string_view body, std::string_view endpoint, F each,
                                      bool single_allowed = false) {
  CREW_TRY(doc, parse_json(body, endpoint));
  const Where where{endpoint, ""};
  if (single_allowed && doc->is_object()) {
    auto item = each(*doc, where);
    if (!item) {
      return item.error();
    }
    return std::vector<T>{std::move(*item)};
  }
  if (!doc->is_array()) {
    return where.error("not an array");
  }
  std::vector<T> out;
  for (std::size_t i = 0; i < doc->size(); ++i) {
    auto item = each((*doc)[i], where.index(i));
    if (!item) {
      return item.error();
    }
    out.push_back(std::move(*item));
  }
  return out;
}

} // namespace

core::Result<core::Order> parse_order(std::string_view body, std::string_view endpoint) {
  CREW_TRY(doc, parse_json(body, endpoint));
  return order_value(*doc, Where{endpoint, ""});
}

core::Result<std::vector<core::Order>> parse_orders(std::string_view body,
                                                    std::string_view endpoint) {
  return array_of<core::Order>(body, endpoint, order_value);
}

core::Result<core::Position> parse_position(std::string_view body, std::string_view endpoint) {
  CREW_TRY(doc, parse_json(body, endpoint));
  return position_value(*doc, Where{endpoint, ""});
}

core::Result<std::vector<core::Position>> parse_positions(std::string_view body,
                                                          std::string_view endpoint) {
  return array_of<core::Position>(body, endpoint, position_value);
}

core::Result<core::Account> parse_account(std::string_view body, std::string_view endpoint) {
  CREW_TRY(doc, parse_json(body, endpoint));
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an account object");
  }
  const json& value = *doc;
  core::Account account;
  CREW_TRY(id, text(value, "id", where));
  CREW_TRY(status, text(value, "status", where));
  CREW_TRY(crypto_status, opt_text(value, "crypto_status", where));
  CREW_TRY(currency, opt_text(value, "currency", where));
  CREW_TRY(cash, decimal(value, "cash", where));
  CREW_TRY(equity, decimal(value, "equity", where, false));
  CREW_TRY(portfolio, decimal(value, "portfolio_value", where, false));
  CREW_TRY(last_equity, decimal(value, "last_equity", where, false));
  CREW_TRY(buying_power, decimal(value, "buying_power", where));
  CREW_TRY(nmbp, opt_decimal(value, "non_marginable_buying_power", where));
  CREW_TRY(lmv, decimal(value, "long_market_value", where, false));
  CREW_TRY(multiplier, opt_int(value, "multiplier", where));
  CREW_TRY(trading_blocked, flag(value, "trading_blocked", where));
  CREW_TRY(account_blocked, flag(value, "account_blocked", where));
  CREW_TRY(suspended, flag(value, "trade_suspended_by_user", where));
  CREW_TRY(daytrades, opt_int(value, "daytrade_count", where));
  CREW_TRY(tier, opt_int(value, "crypto_tier", where));
  account.id = *id;
  account.status = *status;
  account.crypto_status = crypto_status->value_or(account.crypto_status);
  account.currency = currency->value_or(account.currency);
  account.cash = *cash;
  account.equity = find(value, "equity") != nullptr ? *equity : *portfolio;
  account.last_equity = *last_equity;
  account.buying_power = *buying_power;
  account.non_marginable_buying_power = nmbp->value_or(*cash);
  account.long_market_value = *lmv;
  account.multiplier = multiplier->value_or(1);
  account.trading_blocked = *trading_blocked;
  account.account_blocked = *account_blocked;
  account.trade_suspended_by_user = *suspended;
  if (const json* pdt = find(value, "pattern_day_trader"); pdt != nullptr && pdt->is_boolean()) {
    account.pattern_day_trader = pdt->get<bool>();
  }
  account.daytrade_count = *daytrades;
  account.crypto_tier = *tier;
  return account;
}

core::Result<std::vector<core::Fill>> parse_fill_activities(std::string_view body,
                                                            std::string_view endpoint) {
  return array_of<core::Fill>(
      body, endpoint,
      [](const json& value, const Where& where) -> core::Result<core::Fill> {
        if (!value.is_object()) {
          return where.error("not an activity object");
        }
        CREW_TRY(id, text(value, "id", where));
        CREW_TRY(order_id, text(value, "order_id", where));
        CREW_TRY(symbol, symbol_of(value, where));
        CREW_TRY(side_text, text(value, "side", where));
        CREW_TRY(side, at_field(core::parse_side(*side_text), where, "side"));
        CREW_TRY(qty, decimal(value, "qty", where));
        CREW_TRY(price, decimal(value, "price", where));
        CREW_TRY(time, opt_time(value, "transaction_time", where));
        if (!*time) {
          return where.at("transaction_time").error("missing timestamp");
        }
        core::Fill fill;
        fill.id = *id;
        fill.order_id = *order_id;
        fill.symbol = *symbol;
        fill.side = *side;
        fill.qty = *qty;
        fill.price = *price;
        fill.time = **time;
        return fill;
      },
      true);
}

core::Result<std::vector<FeeActivity>> parse_fee_activities(std::string_view body,
                                                            std::string_view endpoint) {
  auto one = [](const json& value, const Where& where) -> core::Result<FeeActivity> {
    if (!value.is_object()) {
      return where.error("not an activity object");
    }
    CREW_TRY(id, text(value, "id", where));
    CREW_TRY(raw_symbol, text(value, "symbol", where));
    CREW_TRY(symbol, at_field(core::classify_symbol(*raw_symbol), where, "symbol"));
    CREW_TRY(qty, decimal(value, "qty", where));
    CREW_TRY(price, decimal(value, "price", where, false));
    CREW_TRY(date, opt_text(value, "date", where));
    return FeeActivity{*id, *symbol, *qty, *price, date->value_or("")};
  };
  return array_of<FeeActivity>(body, endpoint, one, true);
}

core::Result<std::vector<MultiStatusEntry>> parse_multi_status(std::string_view body,
                                                               std::string_view endpoint) {
  return array_of<MultiStatusEntry>(
      body, endpoint, [](const json& value, const Where& where) -> core::Result<MultiStatusEntry> {
        if (!value.is_object()) {
          return where.error("not an object");
        }
        MultiStatusEntry entry;
        CREW_TRY(id, opt_text(value, "id", where));
        CREW_TRY(symbol, opt_text(value, "symbol", where));
        entry.key = id->value_or(symbol->value_or(""));
        const json* status = find(value, "status");
        if (status == nullptr || !status->is_number_integer()) {
          return where.at("status").error("missing HTTP status");
        }
        entry.status = status->get<int>();
        const json* inner = find(value, "body");
        // A 200 entry may carry an empty body (cancel_all_orders_207_mixed.json).
        if (inner == nullptr || (inner->is_object() && inner->empty())) {
          return entry;
        }
        if (entry.status >= 200 && entry.status < 300) {
          CREW_TRY(order, order_value(*inner, where.at("body")));
          entry.order = *order;
        } else {
          ApiErrorBody error;
          if (const json* code = find(*inner, "code"); code != nullptr && code->is_number()) {
            error.code = code->get<std::int64_t>();
          }
          CREW_TRY(message, opt_text(*inner, "message", where.at("body")));
          error.message = message->value_or("");
          entry.error = error;
        }
        return entry;
      });
}

std::string order_request_json(const core::OrderRequest& request) {
  json body = {{"symbol", request.symbol.str()},
               {"side", std::string(core::to_string(request.side))},
               {"type", std::string(core::to_string(request.type))},
               {"time_in_force", std::string(core::to_string(request.time_in_force))},
               {"client_order_id", request.client_order_id}};
  if (request.notional) {
    body["notional"] = request.notional->to_string();
  } else {
    body["qty"] = request.qty.to_string();
  }
  if (request.limit_price) {
    body["limit_price"] = request.limit_price->to_string();
  }
  if (request.stop_price) {
    body["stop_price"] = request.stop_price->to_string();
  }
  return body.dump();
}

core::Result<core::OrderRequest> parse_order_request(std::string_view body,
                                                     std::string_view endpoint) {
  CREW_TRY(doc, parse_json(body, endpoint));
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an object");
  }
  const json& value = *doc;
  CREW_TRY(raw_symbol, text(value, "symbol", where));
  CREW_TRY(symbol, at_field(core::classify_symbol(*raw_symbol), where, "symbol"));
  CREW_TRY(side_text, text(value, "side", where));
  CREW_TRY(side, at_field(core::parse_side(*side_text), where, "side"));
  CREW_TRY(type_text, text(value, "type", where));
  CREW_TRY(type, at_field(core::parse_order_type(*type_text), where, "type"));
  CREW_TRY(tif_text, text(value, "time_in_force", where));
  CREW_TRY(tif, at_field(core::parse_time_in_force(*tif_text), where, "time_in_force"));
  CREW_TRY(qty, decimal(value, "qty", where, false));
  CREW_TRY(notional, opt_decimal(value, "notional", where));
  CREW_TRY(limit, opt_decimal(value, "limit_price", where));
  CREW_TRY(stop, opt_decimal(value, "stop_price", where));
  CREW_TRY(client_id, opt_text(value, "client_order_id", where));
  core::OrderRequest request;
  request.symbol = *symbol;
  request.side = *side;
  request.type = *type;
  request.time_in_force = *tif;
  request.qty = *qty;
  request.notional = *notional;
  request.limit_price = *limit;
  request.stop_price = *stop;
  request.client_order_id = client_id->value_or("");
  return request;
}

} // namespace crew::alpaca
