#pragma once
// The deterministic client_order_id of a trading decision (design.md section 8): the same
// decision always yields the same id, so an order re-decided after a crash is recognised by the
// broker (which refuses a reused id) and by the state store. Pure function, no clock, no state.
#include "core/order.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"

#include <string>

namespace crew::state {

struct OrderDecision {
  core::Symbol symbol;
  std::string strategy;
  core::Side side = core::Side::buy;
  core::UtcTime bar_time; // the bar (or tick, for stop exits) the decision was taken on
  int attempt = 0;        // > 0 for a deliberate new try of the same decision
};

// "tc-" + 8 hex digits of a hash of every field + readable parts, ≤ 48 characters and only
// [A-Za-z0-9-]: e.g. "tc-1a2b3c4d-rsi-b-BTCUSD-240103T1430" (strategy cut to 8 characters,
// symbol to 10, time as yymmddTHHMM UTC, "-a<n>" appended for attempts).
std::string make_client_order_id(const OrderDecision& decision);

} // namespace crew::state
