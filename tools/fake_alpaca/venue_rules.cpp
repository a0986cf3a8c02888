// The order of checks: the body's shape (400/422 40010001), then the asset and Alpaca's business
// rules (422 42210000), then quantities and money (403 40310000), as Alpaca's answers are grouped
// in alpaca-api.md 2.1. Within a group the order is ours except where a fixture or an observation
// shows Alpaca's (a fractional GTC bracket is refused as "must be DAY", not "must be simple").
// Messages quoted in alpaca-api.md or the fixtures are Alpaca's; the others are marked "ours".
#include "venue_rules.hpp"

namespace crew::fake_alpaca {
namespace {

using core::Decimal;
using core::OrderType;
using core::TimeInForce;

std::optional<Answer> refuse(int status, std::int64_t code, const std::string& message) {
  return alpaca_error(status, code, message);
}

bool is_crypto(const core::OrderRequest& request) {
  return request.symbol.asset_class() == core::AssetClass::crypto;
}

bool has_fraction(Decimal qty) {
  return qty.units() % Decimal::k_scale != 0;
}

// The order's value in USD as Alpaca's "cost basis": the notional, or qty at the limit price
// when there is one, else at the current price.
std::optional<Decimal> cost_basis(const core::OrderRequest& request, const OrderContext& context) {
  if (request.notional) {
    return request.notional;
  }
  if (request.limit_price) {
    return request.qty * *request.limit_price;
  }
  if (context.price) {
    return request.qty * *context.price;
  }
  return std::nullopt;
}

// qty/notional exclusivity and positive amounts; HTTP 400 per the docs (wording ours).
std::optional<Answer> check_amounts(const core::OrderRequest& request) {
  const bool has_qty = !request.qty.is_zero();
  if (has_qty && request.notional) {
    return refuse(400, k_code_malformed, "qty and notional are mutually exclusive");
  }
  if (!has_qty && !request.notional) {
    return refuse(400, k_code_malformed, "qty or notional is required");
  }
  if (request.qty.is_negative()) {
    return refuse(422, k_code_validation, "qty must be > 0");
  }
  if (request.notional && !(*request.notional > Decimal{})) {
    return refuse(422, k_code_validation, "notional must be > 0");
  }
  return std::nullopt;
}

// limit_price exactly for limit/stop_limit, stop_price exactly for stop/stop_limit (wording ours).
std::optional<Answer> check_prices(const core::OrderRequest& request) {
  const std::string type(core::to_string(request.type));
  const bool wants_limit =
      request.type == OrderType::limit || request.type == OrderType::stop_limit;
  const bool wants_stop = request.type == OrderType::stop || request.type == OrderType::stop_limit;
  const auto field = [&](const char* name, const std::optional<Decimal>& value,
                         bool wanted) -> std::optional<Answer> {
    if (wanted && !value) {
      return refuse(422, k_code_validation, std::string(name) + " is required for " + type);
    }
    if (!wanted && value) {
      return refuse(422, k_code_validation, std::string(name) + " is not allowed for " + type);
    }
    if (value && !(*value > Decimal{})) {
      return refuse(422, k_code_validation, std::string(name) + " must be > 0");
    }
    return std::nullopt;
  };
  if (auto bad = field("limit_price", request.limit_price, wants_limit)) {
    return bad;
  }
  return field("stop_price", request.stop_price, wants_stop);
}

// Crypto: simple orders, gtc/ioc, market/limit/stop_limit (alpaca-api.md 3.5).
std::optional<Answer> check_crypto_shape(const core::OrderRequest& request,
                                         const OrderContext& context) {
  if (request.time_in_force != TimeInForce::gtc && request.time_in_force != TimeInForce::ioc) {
    return refuse(422, k_code_business, "invalid crypto time_in_force");
  }
  if (request.type == OrderType::stop) {
    return refuse(422, k_code_business, "invalid crypto order type"); // wording ours
  }
  if (!context.order_class.empty() && context.order_class != "simple") {
    return refuse(422, k_code_business, "crypto orders must be simple orders"); // wording ours
  }
  return std::nullopt;
}

// Equities: a fractional qty or any notional needs a fractionable asset and a simple market DAY
// order of at least $1 (alpaca-api.md 3.5 and 6).
std::optional<Answer> check_fractional(const core::OrderRequest& request,
                                       const OrderContext& context) {
  if (!request.notional && !has_fraction(request.qty)) {
    return std::nullopt;
  }
  if (!context.asset->fractionable) {
    return refuse(422, k_code_business, "requested asset is not fractionable");
  }
  if (request.time_in_force != TimeInForce::day) {
    return refuse(422, k_code_business, "fractional orders must be DAY orders");
  }
  if (!context.order_class.empty() && context.order_class != "simple") {
    return refuse(422, k_code_business, "fractional orders must be simple orders");
  }
  if (request.type != OrderType::market) {
    return refuse(422, k_code_business, "fractional orders must be market orders"); // ours
  }
  const auto cost = cost_basis(request, context);
  if (cost && *cost < Decimal::from_int(k_fractional_min_cost_usd)) {
    return refuse(403, k_code_funds, "cost basis must be >= minimal amount of order 1"); // ours
  }
  return std::nullopt;
}

// A sell by qty needs that much of the position not held by other open orders; the body carries
// the context fields of Alpaca's answer (close_all_positions_207.json).
std::optional<Answer> check_sell_qty(const core::OrderRequest& request,
                                     const OrderContext& context) {
  if (request.side != core::Side::sell || request.notional) {
    return std::nullopt;
  }
  const Decimal available = context.existing_qty - context.held_for_orders;
  if (!(request.qty > available)) {
    return std::nullopt;
  }
  Answer answer =
      alpaca_error(403, k_code_funds,
                   "insufficient qty available for order (requested: " + request.qty.to_string() +
                       ", available: " + available.to_string() + ")");
  answer.body["available"] = available.to_string();
  answer.body["existing_qty"] = context.existing_qty.to_string();
  answer.body["held_for_orders"] = context.held_for_orders.to_string();
  answer.body["related_orders"] = context.related_orders;
  answer.body["symbol"] = request.symbol.position_form();
  return answer;
}

// Crypto order value between $10 and $200,000, qty on the asset's step and at least its
// min_order_size (alpaca-api.md 5 and 6).
std::optional<Answer> check_crypto_size(const core::OrderRequest& request,
                                        const OrderContext& context) {
  if (const auto cost = cost_basis(request, context)) {
    if (*cost < Decimal::from_int(k_crypto_min_cost_usd)) {
      return refuse(403, k_code_funds, "cost basis must be >= minimal amount of order 10");
    }
    if (*cost > Decimal::from_int(k_crypto_max_cost_usd)) {
      return refuse(403, k_code_funds,
                    "cost basis must be <= maximal amount of order 200000"); // wording ours
    }
  }
  if (request.notional) {
    return std::nullopt;
  }
  const AssetFacts& asset = *context.asset;
  if (asset.min_trade_increment && asset.min_trade_increment->units() > 0 &&
      request.qty.floor_to(*asset.min_trade_increment) != request.qty) {
    return refuse(422, k_code_business,
                  "qty must be a multiple of " + asset.min_trade_increment->to_string()); // ours
  }
  if (asset.min_order_size && request.qty < *asset.min_order_size) {
    return refuse(403, k_code_funds,
                  "qty must be >= " + asset.min_order_size->to_string()); // wording ours
  }
  return std::nullopt;
}

// A buy's cost against buying power: crypto answers with the USD balance, equities with
// buying power (error_403_crypto_insufficient_balance.json, error_403_insufficient_buying_power).
std::optional<Answer> check_buying_power(const core::OrderRequest& request,
                                         const OrderContext& context) {
  if (request.side != core::Side::buy) {
    return std::nullopt;
  }
  const auto cost = cost_basis(request, context);
  if (!cost || !(*cost > context.buying_power)) {
    return std::nullopt;
  }
  if (is_crypto(request)) {
    Answer answer = alpaca_error(403, k_code_funds,
                                 "insufficient balance for USD (requested: " + cost->to_string() +
                                     ", available: " + context.buying_power.to_string() + ")");
    answer.body["available"] = context.buying_power.to_string();
    answer.body["balance"] = context.cash.to_string();
    answer.body["symbol"] = "USD";
    return answer;
  }
  Answer answer = alpaca_error(403, k_code_funds, "insufficient buying power");
  answer.body["buying_power"] = context.buying_power.to_string();
  answer.body["cost_basis"] = cost->to_string();
  return answer;
}

} // namespace

Answer alpaca_error(int status, std::int64_t code, const std::string& message) {
  return {status, {{"code", code}, {"message", message}}};
}

AssetFacts fake_asset(const core::Symbol& symbol, double price) {
  AssetFacts asset;
  if (symbol.asset_class() == core::AssetClass::crypto) {
    const Decimal step = Decimal::from_units(1);
    const Decimal about_a_dollar =
        price > 0 ? Decimal::from_double(1.0 / price) : Decimal::from_units(1000);
    asset.min_order_size = std::max(about_a_dollar, step);
    asset.min_trade_increment = step;
  }
  return asset;
}

std::optional<Answer> refuse_order(const core::OrderRequest& request, const OrderContext& context) {
  if (auto bad = check_amounts(request)) {
    return bad;
  }
  if (!context.asset) {
    return refuse(422, k_code_validation, "could not find asset \"" + request.symbol.str() + "\"");
  }
  if (auto bad = check_prices(request)) {
    return bad;
  }
  if (!context.asset->tradable) {
    return refuse(422, k_code_business, "asset \"" + request.symbol.str() + "\" is not tradable");
  }
  if (auto bad = is_crypto(request) ? check_crypto_shape(request, context)
                                    : check_fractional(request, context)) {
    return bad;
  }
  if (auto bad = check_sell_qty(request, context)) {
    return bad;
  }
  if (is_crypto(request)) {
    if (auto bad = check_crypto_size(request, context)) {
      return bad;
    }
  }
  return check_buying_power(request, context);
}

} // namespace crew::fake_alpaca
