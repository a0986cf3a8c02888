#pragma once
// The emergency stop as the state store holds it: the halt flag, whether positions are to be
// closed, and a halt/resume event. Written from outside the loop (`crew stop`, the dashboard's
// stop button); the running loop notices the flag within one tick and does the stopping.
#include "core/time.hpp"
#include "state/state_store.hpp"

#include <string>

namespace crew::state {

// Halts trading: sets the halt flag with reason `origin` (plus " --flatten" when `flatten`),
// records whether the loop must close every position, and records a halt event, all at once.
core::Status request_stop(StateStore& store, bool flatten, core::UtcTime at,
                          const std::string& origin = "crew stop");

// Lifts an emergency stop or a drawdown halt and records a resume event.
core::Status request_resume(StateStore& store, core::UtcTime at,
                            const std::string& origin = "crew resume");

// The time to stamp such a flag with: in a simulation (session.mode "sim") the last heartbeat,
// the simulated "now"; otherwise `wall_now`.
core::UtcTime flag_time(StateStore& store, core::UtcTime wall_now);

} // namespace crew::state
