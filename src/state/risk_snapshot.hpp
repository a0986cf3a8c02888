#pragma once
// Fills the stored half of a risk::RiskState from the state store: today's entries, recent closed
// trades, each market's start-of-day equity, the high-water mark, the halt flag and our open
// orders. The broker half (account, positions, prices, asset rules, manipulation flags) is the
// engine's to add. Reads only; `now` decides which days count.
#include "risk/risk_state.hpp"
#include "state/state_store.hpp"

namespace crew::state {

core::Status load_risk_inputs(StateStore& store, core::UtcTime now, risk::RiskState& state);

} // namespace crew::state
