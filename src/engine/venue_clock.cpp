#include "engine/venue_clock.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace crew::engine {
namespace {

using Seconds = std::chrono::duration<double>;

// Bounds of one nap: short enough to notice a stop request, long enough not to flood the venue.
constexpr Seconds k_shortest_nap{0.005};
constexpr Seconds k_longest_nap{1.0};

} // namespace

VenueClock::VenueClock(Source source, core::UtcTime start, Nap nap)
    : m_source(std::move(source)), m_now(start), m_nap(std::move(nap)) {}

void VenueClock::sleep_until(core::UtcTime t, const std::atomic<bool>& stop) {
  while (!stop.load() && m_now < t) {
    const Seconds left = std::chrono::duration_cast<Seconds>(t - m_now) / m_pace;
    const Seconds nap = std::clamp(left, k_shortest_nap, k_longest_nap);
    m_nap(nap);
    auto venue = m_source();
    if (!venue) {
      // The loop cannot act without the venue anyway; keep waiting and say why.
      spdlog::warn("venue clock unavailable: {}", venue.error().message());
      continue;
    }
    if (*venue > m_now) {
      // Venue seconds that passed during the nap (the request's own time makes this a slight
      // overestimate, which only shortens the next nap).
      const Seconds moved = std::chrono::duration_cast<Seconds>(*venue - m_now);
      m_pace = std::max(moved / nap, 1e-3);
      m_now = *venue;
    }
  }
}

VenueClock::Nap thread_nap() {
  return [](Seconds nap) { std::this_thread::sleep_for(nap); };
}

} // namespace crew::engine
