#pragma once
// StallWatchdog: the one alert the loop cannot raise itself. A thread of its own looks every
// `check_every` at when the loop last beat (beat() after each tick) and hands the monitor a Health
// holding only that time, so the stall rule opens an episode once the loop has been silent for
// [alerts] stall_seconds, and ends it once the loop has beaten again for resolve_after_seconds.
//
//   alerts::StallWatchdog watchdog(monitor, [] { return RealClock{}.now(); }, 15s);
//   ...after every tick: watchdog.beat();
//
// Time is the real one, whatever the session's clock: a simulated session that races through a
// day is not stalled, and one whose loop hangs is, even though its simulated time stands still.
// So the loop itself must leave Health::last_loop_time unset (it would judge stalls by its own
// clock). The monitor and the state store serialise the two threads' calls; a receiver that hangs
// delays only this thread.
#include "alerts/alert_monitor.hpp"

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace crew::alerts {

class StallWatchdog {
public:
  using Now = std::function<core::UtcTime()>;

  // Starts watching at once; the loop counts as having beaten at construction.
  StallWatchdog(AlertMonitor& monitor, Now now, core::Duration check_every);
  // Stops the thread (waiting for a delivery in progress to finish).
  ~StallWatchdog();
  StallWatchdog(const StallWatchdog&) = delete;
  StallWatchdog& operator=(const StallWatchdog&) = delete;

  // The loop completed a tick.
  void beat();

  // How often to look for a given stall threshold: a quarter of it, at most every 15 s.
  static core::Duration check_interval(int stall_seconds);

private:
  void run();

  AlertMonitor& m_monitor;
  Now m_now;
  core::Duration m_check_every;
  std::atomic<std::int64_t> m_last_beat_ns;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread; // last: started once everything above is ready
};

} // namespace crew::alerts
