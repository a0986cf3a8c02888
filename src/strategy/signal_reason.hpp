#pragma once
// Helpers that write a signal's reason text ("sma10 101.5 > sma20 100.2 …"). Only called when a
// signal fires, so the per-bar path builds no strings.
#include "strategy/profile_gate.hpp"

#include <string>
#include <string_view>

namespace crew::strategy {

// Shortest text that reads back as the same double ("nan" when undefined).
std::string number_text(double value);
// "; volume 1234 ≥ 0.5·sma20(volume) 800; atr14 1.25": the profile conditions of an entry.
std::string entry_conditions(const ProfileGate& gate);

} // namespace crew::strategy
