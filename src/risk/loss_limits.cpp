// Loss limits. Daily: each market's loss today — realised P&L of trades closed in its current
// trading day plus the unrealised P&L of its open positions — against a fraction of the equity at
// the start of that day (5% US_EQUITY on the New York session date, 7% CRYPTO on the UTC date).
// A hit stops new entries in that market until its next day, alerts, and (configurable) closes
// its positions. Overall: equity 10% or more below the high-water mark halts everything until
// `crew resume`. A halt refuses every order but exits.
#include "calendar/market_calendar.hpp"
#include "risk/risk_rules.hpp"

#include <fmt/format.h>

namespace crew::risk {
namespace {

double limit_fraction(core::AssetClass market, const RiskLimits& limits) {
  // FOREX is not traded; it takes the stricter equity limit should it ever be.
  return market == core::AssetClass::crypto ? limits.daily_loss_crypto
                                            : limits.daily_loss_us_equity;
}

std::optional<core::Decimal> start_equity(const RiskState& state, core::AssetClass market) {
  if (auto it = state.daily_start_equity.find(market); it != state.daily_start_equity.end()) {
    return it->second;
  }
  // Without a recorded start, Alpaca's equity at the previous trading day's close is the best
  // stand-in.
  if (state.account.last_equity > core::Decimal{}) {
    return state.account.last_equity;
  }
  return std::nullopt;
}

} // namespace

std::chrono::sys_days market_day(core::AssetClass market, core::UtcTime t) {
  return market == core::AssetClass::us_equity ? calendar::new_york_date(t) : t.day();
}

std::optional<Refusal> check_halted(const OrderContext& c) {
  if (!c.state.halted) {
    return std::nullopt;
  }
  return Refusal{"halted",
                 "trading is halted (" +
                     (c.state.halt_reason.empty() ? "no reason given" : c.state.halt_reason) +
                     "); only exits are allowed until `crew resume`"};
}

core::Decimal daily_loss(const RiskState& state, core::AssetClass market, core::UtcTime now) {
  const auto day = market_day(market, now);
  core::Decimal pnl;
  for (const ClosedTrade& t : state.trades) {
    if (t.market() == market && market_day(market, t.exit_time) == day) {
      pnl += t.pnl;
    }
  }
  for (const core::Position& p : state.positions) {
    if (p.symbol.asset_class() == market) {
      pnl += p.unrealized_pl;
    }
  }
  return -pnl;
}

std::optional<RiskAction> daily_loss_breach(const RiskState& state, core::AssetClass market,
                                            core::UtcTime now, const RiskLimits& limits) {
  const auto start = start_equity(state, market);
  if (!start) {
    return std::nullopt;
  }
  const double fraction = limit_fraction(market, limits);
  const core::Decimal limit = *start * core::Decimal::from_double(fraction);
  const core::Decimal loss = daily_loss(state, market, now);
  if (!(limit > core::Decimal{}) || loss < limit) {
    return std::nullopt;
  }
  RiskAction action;
  action.kind = limits.close_on_daily_loss ? RiskAction::Kind::close_market_positions
                                           : RiskAction::Kind::alert;
  action.market = market;
  action.message = fmt::format("{} daily loss ${} reached the {:.1f}% limit (${} of ${} at the "
                               "start of {}); no new {} entries until its next day",
                               core::to_string(market), loss.to_string(), fraction * 100,
                               limit.to_string(), start->to_string(),
                               core::format_date(market_day(market, now)), core::to_string(market));
  return action;
}

std::optional<RiskAction> drawdown_breach(const RiskState& state, const RiskLimits& limits) {
  const core::Decimal equity = state.account.equity;
  core::Decimal mark = state.high_water_mark.value_or(equity);
  if (equity > mark) {
    mark = equity;
  }
  if (!(mark > core::Decimal{})) {
    return std::nullopt;
  }
  const double drawdown = (mark - equity).to_double() / mark.to_double();
  if (drawdown < limits.max_drawdown) {
    return std::nullopt;
  }
  return RiskAction{RiskAction::Kind::halt_and_close_all, std::nullopt,
                    fmt::format("equity ${} is {:.2f}% below the high-water mark ${} (limit "
                                "{:.1f}%): closing everything and halting",
                                equity.to_string(), drawdown * 100, mark.to_string(),
                                limits.max_drawdown * 100)};
}

} // namespace crew::risk
