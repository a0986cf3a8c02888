#pragma once
// VenueClock: "now" as the broker's clock (Alpaca's /v2/clock) says, for `crew autonomous --paper
// --clock broker` against fake_alpaca running a replay faster than real time (--speed). The time
// is read once per wait and held during a tick, as SimClock holds it. It learns how fast the
// venue's time runs from how far it moved during its own naps, so it neither polls the venue
// needlessly nor reads the system clock.
#include "core/result.hpp"
#include "engine/clock.hpp"

#include <chrono>
#include <functional>

namespace crew::engine {

class VenueClock final : public Clock {
public:
  using Source = std::function<core::Result<core::UtcTime>()>;
  using Nap = std::function<void(std::chrono::duration<double>)>;

  // `start`: the venue's time when the session starts (the caller read it once, to fail early).
  VenueClock(Source source, core::UtcTime start, Nap nap);

  core::UtcTime now() const override { return m_now; }
  void sleep_until(core::UtcTime t, const std::atomic<bool>& stop) override;
  bool simulated() const override { return false; }

  // Venue seconds per real second, as last measured (1 until measured).
  double pace() const { return m_pace; }

private:
  Source m_source;
  core::UtcTime m_now;
  Nap m_nap;
  double m_pace = 1.0;
};

// Naps with std::this_thread::sleep_for.
VenueClock::Nap thread_nap();

} // namespace crew::engine
