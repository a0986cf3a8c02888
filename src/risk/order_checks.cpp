// Checks on the order itself: a well-formed request, an open market (calendar::is_open; equities
// trade only in the NYSE regular session), an account allowed to trade, a symbol the manipulation
// filter has not flagged, a price to value it by, enough buying power (crypto can only use
// non-marginable buying power), and the venue's minimums and increments: crypto needs at least
// max(min_order_size, $10 notional) and a qty that is a multiple of min_trade_increment; equities
// trade whole shares unless fractionable, and fractional or notional orders need $1.
#include "calendar/market_calendar.hpp"
#include "risk/risk_rules.hpp"

#include <fmt/format.h>

namespace crew::risk {
namespace {

AssetRules rules_of(const RiskState& state, const core::Symbol& symbol) {
  if (auto it = state.assets.find(symbol.str()); it != state.assets.end()) {
    return it->second;
  }
  AssetRules unknown; // the venue gave nothing: whole shares for an equity
  unknown.fractionable = false;
  return unknown;
}

bool is_crypto(const core::OrderRequest& request) {
  return request.symbol.asset_class() == core::AssetClass::crypto;
}

} // namespace

std::optional<Refusal> check_valid_request(const OrderContext& c) {
  if (auto status = core::validate(c.request); !status) {
    return Refusal{"invalid_order", status.error().message()};
  }
  return std::nullopt;
}

std::optional<Refusal> check_market_open(const OrderContext& c) {
  const core::AssetClass market = c.request.symbol.asset_class();
  if (calendar::is_open(market, c.now)) {
    return std::nullopt;
  }
  return Refusal{"market_closed",
                 fmt::format("{} is closed at {} ({})", core::to_string(market),
                             core::format_rfc3339(c.now, 0), c.request.symbol.str())};
}

std::optional<Refusal> check_account_can_trade(const OrderContext& c) {
  const core::Account& a = c.state.account;
  if (a.can_trade() && (!is_crypto(c.request) || a.crypto_status == "ACTIVE")) {
    return std::nullopt;
  }
  return Refusal{"account",
                 fmt::format("account cannot trade (status {}, crypto {}{}{}{})", a.status,
                             a.crypto_status, a.trading_blocked ? ", trading blocked" : "",
                             a.account_blocked ? ", account blocked" : "",
                             a.trade_suspended_by_user ? ", suspended by user" : "")};
}

std::optional<Refusal> check_manipulation(const OrderContext& c) {
  if (auto it = c.state.flagged_symbols.find(c.request.symbol.str());
      it != c.state.flagged_symbols.end()) {
    return Refusal{"manipulation",
                   fmt::format("{} flagged by the manipulation filter: {}", it->first, it->second)};
  }
  return std::nullopt;
}

std::optional<Refusal> check_price_known(const OrderContext& c) {
  if (c.price && c.notional) {
    return std::nullopt;
  }
  return Refusal{"no_price",
                 fmt::format("no price known for {} to value the order", c.request.symbol.str())};
}

std::optional<Refusal> check_buying_power(const OrderContext& c) {
  if (!c.notional) {
    return std::nullopt;
  }
  const bool crypto = is_crypto(c.request);
  const core::Decimal available =
      crypto ? c.state.account.non_marginable_buying_power : c.state.account.buying_power;
  if (*c.notional > available) {
    return Refusal{"buying_power",
                   fmt::format("order worth ${} exceeds {}buying power ${}",
                               c.notional->to_string(), crypto ? "non-marginable " : "",
                               available.to_string())};
  }
  return std::nullopt;
}

std::optional<Refusal> check_min_order_size(const OrderContext& c) {
  if (!c.notional || !c.price) {
    return std::nullopt;
  }
  const AssetRules rules = rules_of(c.state, c.request.symbol);
  if (is_crypto(c.request)) {
    const core::Decimal min_size = rules.min_order_size.value_or(core::Decimal{});
    core::Decimal minimum = c.limits.crypto_min_notional;
    if (const core::Decimal by_size = min_size * *c.price; by_size > minimum) {
      minimum = by_size;
    }
    if (*c.notional < minimum) {
      return Refusal{"min_order_size", fmt::format("{} order worth ${} is below the ${} minimum",
                                                   c.request.symbol.str(), c.notional->to_string(),
                                                   minimum.to_string())};
    }
    if (!c.request.qty.is_zero() && c.request.qty < min_size) {
      return Refusal{"min_order_size",
                     fmt::format("{} qty {} is below min_order_size {}", c.request.symbol.str(),
                                 c.request.qty.to_string(), min_size.to_string())};
    }
    return std::nullopt;
  }
  const bool fractional =
      c.request.notional || c.request.qty.floor_to(core::Decimal::from_int(1)) != c.request.qty;
  if (fractional && *c.notional < core::Decimal::from_int(1)) {
    return Refusal{"min_order_size", fmt::format("fractional {} order worth ${} is below $1",
                                                 c.request.symbol.str(), c.notional->to_string())};
  }
  return std::nullopt;
}

std::optional<Refusal> check_increment(const OrderContext& c) {
  if (c.request.qty.is_zero()) {
    return std::nullopt; // notional orders: the venue sizes the qty
  }
  const AssetRules rules = rules_of(c.state, c.request.symbol);
  core::Decimal increment = rules.min_trade_increment.value_or(core::Decimal{});
  if (increment.is_zero()) {
    increment = is_crypto(c.request) || rules.fractionable ? core::Decimal::from_units(1)
                                                           : core::Decimal::from_int(1);
  }
  if (c.request.qty.floor_to(increment) != c.request.qty) {
    return Refusal{"increment",
                   fmt::format("{} qty {} is not a multiple of {}{}", c.request.symbol.str(),
                               c.request.qty.to_string(), increment.to_string(),
                               is_crypto(c.request) || rules.fractionable
                                   ? ""
                                   : " (whole shares: not fractionable)")};
  }
  return std::nullopt;
}

} // namespace crew::risk
