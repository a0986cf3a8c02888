// The order of checks follows Alpaca's answers: shape (422) before business rules (422), before
// funds and quantities (403). Sells are clamped to qty_available rather than refused because a
// crypto buy's fee is taken in the coin, so the position is always a little smaller than the
// buy's filled quantity; the engine sizes exits from the buy and relies on this clamp.
#include "broker/alpaca_rules.hpp"

namespace crew::broker {

SubmitError refusal(int http_status, std::string message) {
  return SubmitError{SubmitError::Kind::rejected, http_status, std::move(message)};
}

RuleOutcome apply_venue_rules(core::OrderRequest request, const VenueContext& context) {
  using core::OrderType;
  using core::TimeInForce;
  if (auto shape = core::validate(request); !shape) {
    return {std::nullopt, refusal(422, shape.error().what)};
  }
  if (!context.asset.tradable) {
    return {std::nullopt, refusal(422, "asset \"" + request.symbol.str() + "\" is not tradable")};
  }
  const bool crypto = request.symbol.asset_class() == core::AssetClass::crypto;
  if (crypto) {
    if (request.time_in_force != TimeInForce::gtc && request.time_in_force != TimeInForce::ioc) {
      return {std::nullopt, refusal(422, "invalid crypto time_in_force")};
    }
    if (request.type == OrderType::stop) {
      return {std::nullopt, refusal(422, "invalid crypto order type")};
    }
  } else {
    const core::Decimal whole = request.qty.floor_to(core::Decimal::from_int(1));
    const bool fractional = request.notional.has_value() || whole != request.qty;
    if (fractional) {
      if (!context.asset.fractionable) {
        return {std::nullopt, refusal(422, "requested asset is not fractionable")};
      }
      if (request.time_in_force != TimeInForce::day) {
        return {std::nullopt, refusal(422, "fractional orders must be DAY orders")};
      }
      if (request.type != OrderType::market) {
        return {std::nullopt, refusal(422, "fractional orders must be market orders")};
      }
    }
  }
  if (request.side == core::Side::sell && !request.notional) {
    const core::Decimal available = context.qty_available.value_or(core::Decimal{});
    if (request.qty > available) {
      if (available.is_zero() || !crypto) {
        return {std::nullopt, refusal(403, "insufficient qty available for order (requested: " +
                                               request.qty.to_string() +
                                               ", available: " + available.to_string() + ")")};
      }
      request.qty = available;
    }
  }
  if (crypto && !request.notional) {
    if (context.asset.min_trade_increment && context.asset.min_trade_increment->units() > 0) {
      request.qty = request.qty.floor_to(*context.asset.min_trade_increment);
    }
    if (context.asset.min_order_size && request.qty < *context.asset.min_order_size) {
      return {std::nullopt,
              refusal(403, "qty must be >= " + context.asset.min_order_size->to_string())};
    }
  }
  if (crypto) {
    std::optional<core::Decimal> notional = request.notional;
    const auto price = request.limit_price ? request.limit_price : context.price;
    if (!notional && price) {
      notional = request.qty * *price;
    }
    // A sell that empties the position is let through below the minimum, as Alpaca's close is.
    const bool closing = request.side == core::Side::sell && context.qty_available &&
                         request.qty == *context.qty_available;
    if (notional && !closing && *notional < core::Decimal::from_int(k_crypto_min_notional_usd)) {
      return {std::nullopt, refusal(403, "cost basis must be >= minimal amount of order 10")};
    }
  }
  if (request.qty.is_zero() && !request.notional) {
    return {std::nullopt, refusal(422, "qty must be > 0")};
  }
  return {std::move(request), std::nullopt};
}

} // namespace crew::broker
