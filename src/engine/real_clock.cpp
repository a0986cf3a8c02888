// RealClock: the only place of the program that reads the system clock.
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
