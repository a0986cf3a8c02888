// Simulated time = base + speed × (steady time since the base was set).
#include "fake_clock.hpp"

#include "fake_server.hpp"

namespace crew::fake_alpaca {

FakeClock::FakeClock(std::optional<core::UtcTime> start, double speed)
    : m_base(start), m_base_steady(std::chrono::steady_clock::now()), m_speed(speed) {}

core::UtcTime FakeClock::now() const {
  const std::lock_guard lock(m_mutex);
  if (!m_base) {
    return system_now();
  }
  const auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::steady_clock::now() - m_base_steady);
  return core::UtcTime::from_ns(
      m_base->ns() + static_cast<std::int64_t>(static_cast<double>(elapsed.count()) * m_speed));
}

void FakeClock::set(core::UtcTime now) {
  const std::lock_guard lock(m_mutex);
  m_base = now;
  m_base_steady = std::chrono::steady_clock::now();
}

} // namespace crew::fake_alpaca
