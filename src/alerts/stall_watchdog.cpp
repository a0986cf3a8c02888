#include "alerts/stall_watchdog.hpp"

#include <algorithm>

namespace crew::alerts {

StallWatchdog::StallWatchdog(AlertMonitor& monitor, core::Duration check_every)
    : m_monitor(monitor), m_check_every(check_every), m_last_beat_ns(m_monitor.now().ns()),
      m_thread([this] { run(); }) {}

StallWatchdog::~StallWatchdog() {
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
}

void StallWatchdog::beat(core::UtcTime session_time) {
  m_last_session_ns.store(session_time.ns(), std::memory_order_relaxed);
  m_last_beat_ns.store(m_monitor.now().ns(), std::memory_order_relaxed);
}

core::Duration StallWatchdog::check_interval(int stall_seconds) {
  const core::Duration quarter = core::Duration{std::chrono::seconds{stall_seconds}} / 4;
  return std::clamp<core::Duration>(quarter, std::chrono::seconds{1}, std::chrono::seconds{15});
}

void StallWatchdog::run() {
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, m_check_every, [this] { return m_stopping; })) {
    lock.unlock();
    Health health;
    health.last_loop_time = core::UtcTime::from_ns(m_last_beat_ns.load(std::memory_order_relaxed));
    const auto session_ns = m_last_session_ns.load(std::memory_order_relaxed);
    (void)m_monitor.observe(health, session_ns == k_no_session_time
                                        ? std::nullopt
                                        : std::optional{core::UtcTime::from_ns(session_ns)});
    lock.lock();
  }
}

} // namespace crew::alerts
