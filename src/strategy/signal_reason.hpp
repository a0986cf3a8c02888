#pragma once
// ReasonText: writes a signal's reason ("sma10 101.5 > sma20 100.2 …") into one preallocated
// string (one allocation per reason). Only called when a signal fires, so the per-bar path builds
// no strings.
#include "strategy/profile_gate.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace crew::strategy {

// Shortest text that reads back as the same double ("nan" when undefined).
std::string number_text(double value);

class ReasonText {
public:
  ReasonText() { m_text.reserve(k_capacity); }
  ReasonText& text(std::string_view part) {
    m_text += part;
    return *this;
  }
  ReasonText& number(double value);
  ReasonText& count(std::size_t value);
  // "; volume 1234 >= 0.5*sma20(volume) 800; atr14 1.25": the profile conditions of an entry.
  ReasonText& entry_conditions(const ProfileGate& gate);
  std::string take() { return std::move(m_text); }

private:
  static constexpr std::size_t k_capacity = 192;
  std::string m_text;
};

// The entry conditions alone, as ReasonText::entry_conditions writes them.
std::string entry_conditions(const ProfileGate& gate);

} // namespace crew::strategy
