#pragma once
// The summary views of the dashboard's JSON API: status (mode, market, next switch, equity, halt,
// last loop time), markets (sessions, rotation scores, recent switches), risk (limits against
// their current use) and health. Each reads the state store only; time comes from the context.
#include "dashboard/view_context.hpp"

#include <nlohmann/json.hpp>

namespace crew::dashboard {

core::Result<nlohmann::json> status_view(ViewContext& context);
core::Result<nlohmann::json> markets_view(ViewContext& context);
core::Result<nlohmann::json> risk_view(ViewContext& context);

struct Health {
  bool healthy = false; // a loop tick within the stale limit
  nlohmann::json body;
};
// Healthy when the last tick (the live loop's wall time, else the last heartbeat) is at most
// stale_limit() old by the wall clock; a simulated session's heartbeats are simulated times, so
// without a live snapshot a simulation is never healthy.
core::Result<Health> health_view(ViewContext& context);

} // namespace crew::dashboard
