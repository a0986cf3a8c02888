// The order in which the rules run: shape, duplicates and an open market apply to every order
// (an exit into a closed market would only queue at the broker); everything else only to entries
// and sells that are not exits — halt first, then the loss limits, the account, the
// manipulation filter, the position counts, the pattern-day-trader guard, then the money checks
// (size, buying power, minimums, increments). The first refusal is the verdict.
#include "risk/risk_manager.hpp"

#include <spdlog/spdlog.h>

#include <set>

namespace crew::risk {
namespace {

using Rule = std::optional<Refusal> (*)(const OrderContext&);

constexpr Rule k_every_order[] = {check_valid_request, check_duplicate_order, check_market_open};
constexpr Rule k_entries_before_losses[] = {check_no_short, check_halted};
constexpr Rule k_entries_after_losses[] = {
    check_account_can_trade,  check_manipulation, check_max_open_positions, check_entries_per_day,
    check_pattern_day_trader, check_price_known,  check_position_size,      check_buying_power,
    check_min_order_size,     check_increment};

template <std::size_t N>
std::optional<Refusal> first_refusal(const Rule (&rules)[N], const OrderContext& context) {
  for (Rule rule : rules) {
    if (auto refusal = rule(context)) {
      return refusal;
    }
  }
  return std::nullopt;
}

void log_action(const RiskAction& action) {
  spdlog::warn("risk alert: {}", action.message);
}

} // namespace

RiskLimits RiskLimits::from_config(const config::RiskConfig& risk, double max_position_fraction) {
  RiskLimits limits;
  limits.max_open_positions = risk.max_open_positions;
  limits.max_entries_per_day = risk.max_entries_per_day;
  limits.daily_loss_us_equity = risk.daily_loss_limit_us_equity;
  limits.daily_loss_crypto = risk.daily_loss_limit_crypto;
  limits.close_on_daily_loss = risk.close_on_daily_loss;
  limits.max_drawdown = risk.max_drawdown;
  limits.pdt_equity_threshold = core::Decimal::from_double(risk.pdt_equity_threshold);
  limits.pdt_max_day_trades = risk.pdt_max_day_trades;
  limits.crypto_min_notional = core::Decimal::from_double(risk.crypto_min_notional);
  limits.max_position_fraction = max_position_fraction;
  return limits;
}

OrderContext make_context(const RiskState& state, const core::OrderRequest& request,
                          core::UtcTime now, const RiskLimits& limits) {
  OrderContext c{state, request, now, limits, std::nullopt, std::nullopt, false};
  if (request.limit_price) {
    c.price = request.limit_price;
  } else if (request.stop_price) {
    c.price = request.stop_price;
  } else if (auto it = state.last_prices.find(request.symbol.str());
             it != state.last_prices.end()) {
    c.price = it->second;
  }
  if (request.notional) {
    c.notional = request.notional;
  } else if (c.price) {
    c.notional = request.qty * *c.price;
  }
  if (request.side == core::Side::sell) {
    for (const core::Position& p : state.positions) {
      if (p.symbol == request.symbol && p.qty > core::Decimal{}) {
        c.exit = request.notional.has_value() || request.qty <= p.qty;
      }
    }
  }
  return c;
}

RiskManager::RiskManager(const config::Config& config)
    : m_limits(RiskLimits::from_config(config.risk, config.strategy.max_position_fraction)) {}

RiskVerdict RiskManager::check_order(const RiskState& state, const core::OrderRequest& request,
                                     core::UtcTime now) const {
  const OrderContext context = make_context(state, request, now, m_limits);
  RiskVerdict verdict;
  verdict.exit = context.exit;
  verdict.refusal = first_refusal(k_every_order, context);
  if (!verdict.refusal && !context.exit) {
    verdict.refusal = first_refusal(k_entries_before_losses, context);
    if (!verdict.refusal) {
      if (auto halt = drawdown_breach(state, m_limits)) {
        verdict.refusal = Refusal{"drawdown", halt->message};
        verdict.actions.push_back(*halt);
      }
    }
    if (!verdict.refusal) {
      const core::AssetClass market = request.symbol.asset_class();
      if (auto breach = daily_loss_breach(state, market, now, m_limits)) {
        verdict.refusal = Refusal{"daily_loss", breach->message};
        verdict.actions.push_back(*breach);
      }
    }
    if (!verdict.refusal) {
      verdict.refusal = first_refusal(k_entries_after_losses, context);
    }
  }
  if (verdict.refusal) {
    // debug: the caller logs the refusal as its one line per event.
    spdlog::debug("risk refused {} {} {} ({}): {}: {}", core::to_string(request.side),
                  request.qty.is_zero()
                      ? "$" + request.notional.value_or(core::Decimal{}).to_string()
                      : request.qty.to_string(),
                  request.symbol.str(), request.client_order_id, verdict.refusal->rule,
                  verdict.refusal->reason);
  }
  return verdict;
}

std::vector<RiskAction> RiskManager::check_account(const RiskState& state,
                                                   core::UtcTime now) const {
  std::vector<RiskAction> actions;
  if (!state.halted) {
    if (auto halt = drawdown_breach(state, m_limits)) {
      log_action(*halt);
      actions.push_back(*halt);
      return actions; // closing everything covers every market
    }
  }
  std::set<core::AssetClass> markets;
  for (const core::Position& p : state.positions) {
    markets.insert(p.symbol.asset_class());
  }
  for (const ClosedTrade& t : state.trades) {
    if (market_day(t.market(), t.exit_time) == market_day(t.market(), now)) {
      markets.insert(t.market());
    }
  }
  for (core::AssetClass market : markets) {
    if (auto breach = daily_loss_breach(state, market, now, m_limits)) {
      log_action(*breach);
      actions.push_back(*breach);
    }
  }
  return actions;
}

bool RiskManager::daily_loss_hit(const RiskState& state, core::AssetClass market,
                                 core::UtcTime now) const {
  return daily_loss_breach(state, market, now, m_limits).has_value();
}

} // namespace crew::risk
