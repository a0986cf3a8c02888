#pragma once
// The simulated exchange's state as JSON, so a --sim session continues where the last one
// stopped (its cash, positions and orders live in the state store between sessions). Decimals are
// kept as their exact strings, times as RFC 3339. Orders and fills that ended more than
// `k_sim_history` before the broker's time are dropped: nothing refers to them any more.
#include "broker/sim_broker.hpp"

#include <string>

namespace crew::engine {

inline constexpr core::Duration k_sim_history{std::chrono::hours{24 * 7}};

std::string sim_state_to_json(const broker::SimBrokerState& state);
// Refuses (naming the field) anything it did not write.
core::Result<broker::SimBrokerState> sim_state_from_json(const std::string& text);

} // namespace crew::engine
