#pragma once
// StallWatchdog: the one alert the loop cannot raise itself. A thread of its own looks every
// `check_every` at when the loop last beat (beat() after each tick) and hands the monitor a Health
// holding only that time, so the stall rule opens an episode once the loop has been silent for
// [alerts] stall_seconds, and ends it once the loop has beaten again for resolve_after_seconds.
//
//   alerts::StallWatchdog watchdog(monitor, 15s);
//   ...after every tick: watchdog.beat(clock.now());
//
// Beats are timed on the monitor's own clock (the real one), whatever the session's clock: a
// simulated session that races through a day is not stalled, and one whose loop hangs is, even
// though its simulated time stands still. The session's time given to beat() is passed on as
// data only (it dates the stall's event beside the last tick's). Health::last_loop_time is the
// watchdog's alone: the loop leaves it unset. The monitor and the state store serialise the two
// threads' calls, and neither waits for a receiver (the monitor's DeliveryQueue does).
#include "alerts/alert_monitor.hpp"

#include <atomic>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <thread>

namespace crew::alerts {

class StallWatchdog {
public:
  // Starts watching at once; the loop counts as having beaten at construction.
  StallWatchdog(AlertMonitor& monitor, core::Duration check_every);
  // Stops the thread (within an observe(), which never waits for a receiver).
  ~StallWatchdog();
  StallWatchdog(const StallWatchdog&) = delete;
  StallWatchdog& operator=(const StallWatchdog&) = delete;

  // The loop completed a tick at `session_time` (its own clock).
  void beat(core::UtcTime session_time);

  // How often to look for a given stall threshold: a quarter of it, at most every 15 s.
  static core::Duration check_interval(int stall_seconds);

private:
  void run();

  static constexpr std::int64_t k_no_session_time = std::numeric_limits<std::int64_t>::min();

  AlertMonitor& m_monitor;
  core::Duration m_check_every;
  std::atomic<std::int64_t> m_last_beat_ns;                       // on the monitor's clock
  std::atomic<std::int64_t> m_last_session_ns{k_no_session_time}; // the session's time then
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread; // last: started once everything above is ready
};

} // namespace crew::alerts
