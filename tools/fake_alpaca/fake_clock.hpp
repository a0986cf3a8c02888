#pragma once
// FakeClock: the time fake_alpaca answers with. The wall clock by default; with --clock START it
// runs from START at --speed N times real time, and POST /_fake/clock {"now": RFC3339} moves it,
// so integration tests drive simulated time (market hours, replay prices) without sleeping.
#include "core/time.hpp"

#include <chrono>
#include <mutex>
#include <optional>

namespace crew::fake_alpaca {

class FakeClock {
public:
  FakeClock(std::optional<core::UtcTime> start = std::nullopt, double speed = 1.0);
  core::UtcTime now() const;
  void set(core::UtcTime now);

private:
  mutable std::mutex m_mutex;
  std::optional<core::UtcTime> m_base;
  std::chrono::steady_clock::time_point m_base_steady;
  double m_speed;
};

} // namespace crew::fake_alpaca
