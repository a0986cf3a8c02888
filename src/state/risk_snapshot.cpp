#include "state/risk_snapshot.hpp"

#include "risk/risk_rules.hpp"

namespace crew::state {
namespace {

// Two weeks of trades cover today's daily loss and the 5-session pattern-day-trader window.
constexpr std::chrono::days k_trade_history{14};

// An entry counts unless the broker ended it without any fill (rejected, canceled, expired).
bool counts_as_entry(const OrderRecord& r) {
  if (r.purpose != "entry") {
    return false;
  }
  return !r.sent || !core::is_terminal(r.order.status) || !r.order.filled_qty.is_zero();
}

} // namespace

core::Status load_risk_inputs(StateStore& store, core::UtcTime now, risk::RiskState& state) {
  RecordQuery today;
  today.from = core::UtcTime::from_sys(now.day());
  auto orders = store.orders(today);
  if (!orders) {
    return orders.error();
  }
  state.entry_times.clear();
  for (const OrderRecord& r : *orders) {
    if (counts_as_entry(r)) {
      state.entry_times.push_back(r.order.created_at);
    }
  }

  auto trades = store.trade_outcomes(now - k_trade_history);
  if (!trades) {
    return trades.error();
  }
  state.trades.clear();
  state.trades.reserve(trades->size());
  for (const TradeOutcome& t : *trades) {
    state.trades.push_back(risk::ClosedTrade{t.symbol, t.entry_time, t.exit_time, t.pnl});
  }

  state.daily_start_equity.clear();
  for (core::AssetClass market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    auto start = store.daily_start_equity(market, risk::market_day(market, now));
    if (!start) {
      return start.error();
    }
    if (*start) {
      state.daily_start_equity[market] = **start;
    }
  }

  auto mark = store.high_water_mark();
  if (!mark) {
    return mark.error();
  }
  state.high_water_mark = *mark;
  auto halt = store.halt_state();
  if (!halt) {
    return halt.error();
  }
  state.halted = halt->halted;
  state.halt_reason = halt->reason;

  auto open = store.open_orders();
  if (!open) {
    return open.error();
  }
  state.open_orders.clear();
  for (const OrderRecord& r : *open) {
    state.open_orders.push_back(r.order);
  }
  return {};
}

} // namespace crew::state
