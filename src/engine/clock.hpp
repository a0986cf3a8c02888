#pragma once
// Clock: where the trading loop gets "now" and how it waits for the next tick. SimClock is moved
// by the loop itself (a simulated day runs as fast as the machine allows); RealClock
// (real_clock.cpp, the only file that reads the system time) sleeps for real.
#include "core/time.hpp"

#include <atomic>

namespace crew::engine {

class Clock {
public:
  virtual ~Clock() = default;
  virtual core::UtcTime now() const = 0;
  // Waits until `t` (or returns early when `stop` becomes true).
  virtual void sleep_until(core::UtcTime t, const std::atomic<bool>& stop) = 0;
  virtual bool simulated() const = 0;
};

class SimClock final : public Clock {
public:
  // `pace`: simulated seconds per real second; 0 runs as fast as the machine allows. A paced
  // simulation can be watched (the dashboard) or stopped by hand while it runs.
  explicit SimClock(core::UtcTime start, double pace = 0) : m_now(start), m_pace(pace) {}
  core::UtcTime now() const override { return m_now; }
  void sleep_until(core::UtcTime t, const std::atomic<bool>& stop) override;
  bool simulated() const override { return true; }

private:
  core::UtcTime m_now;
  double m_pace;
};

class RealClock final : public Clock {
public:
  core::UtcTime now() const override;
  void sleep_until(core::UtcTime t, const std::atomic<bool>& stop) override;
  bool simulated() const override { return false; }
};

} // namespace crew::engine
