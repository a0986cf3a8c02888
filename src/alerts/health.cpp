#include "alerts/health.hpp"

#include <chrono>

namespace crew::alerts {

void add_risk_facts(Health& health, const risk::RiskState& state, const risk::RiskLimits& limits,
                    core::UtcTime now) {
  if (state.high_water_mark && state.account.equity > core::Decimal{}) {
    health.equity = EquityMark{state.account.equity, *state.high_water_mark};
  }
  health.halt = HaltFlag{state.halted, state.halt_reason};
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    health.daily_loss_limit_hit[market] =
        risk::daily_loss_breach(state, market, now, limits).has_value();
  }
}

core::Status add_store_facts(Health& health, state::StateStore& store,
                             std::int64_t requests_per_minute, core::UtcTime now) {
  auto calls = store.count_api_calls(now - std::chrono::minutes{1}, now);
  if (!calls) {
    return calls.error();
  }
  health.api = ApiUse{*calls, requests_per_minute};
  if (!health.halt) {
    auto halt = store.halt_state();
    if (!halt) {
      return halt.error();
    }
    health.halt = HaltFlag{halt->halted, halt->reason};
  }
  return {};
}

} // namespace crew::alerts
