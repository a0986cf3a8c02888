// RealClock: the only place of the program that reads the system clock; and SimClock's paced
// waits, which sleep real time without reading it.
#include "engine/clock.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace crew::engine {

core::UtcTime RealClock::now() const {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return core::UtcTime::from_ns(
      std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch).count());
}

void RealClock::sleep_until(core::UtcTime t, const std::atomic<bool>& stop) {
  // Short naps so a SIGTERM (which sets `stop`) ends the wait within a fraction of a second.
  while (!stop.load() && now() < t) {
    const auto left = t - now();
    std::this_thread::sleep_for(std::min<core::Duration>(left, std::chrono::milliseconds{200}));
  }
}

} // namespace crew::engine

namespace crew::engine {

void SimClock::sleep_until(core::UtcTime t, const std::atomic<bool>& stop) {
  if (t <= m_now) {
    return;
  }
  if (m_pace > 0) {
    // Real time passes in naps, so a stop request ends the wait quickly; the simulated time
    // still moves only to `t` (or to where the stop found it).
    auto left = std::chrono::duration<double>(t - m_now) / m_pace;
    const auto nap = std::chrono::duration<double>(0.1);
    while (left.count() > 0 && !stop.load()) {
      const auto step = std::min(left, nap);
      std::this_thread::sleep_for(step);
      left -= step;
    }
  }
  m_now = t;
}

} // namespace crew::engine
