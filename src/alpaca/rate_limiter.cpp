// Token bucket: tokens accrue at per_minute/60 s up to the capacity; a request spends one.
// Fractional tokens keep the rate exact over long runs without a timer thread.
#include "alpaca/rate_limiter.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace crew::alpaca {

MonotonicClock steady_monotonic_clock() {
  return [] {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now().time_since_epoch());
  };
}

Sleeper thread_sleeper() {
  return [](std::chrono::nanoseconds wait) { std::this_thread::sleep_for(wait); };
}

RateLimiter::RateLimiter(int per_minute, MonotonicClock clock, Sleeper sleeper, int burst)
    : m_per_minute(std::max(per_minute, 1)), m_clock(std::move(clock)),
      m_sleeper(std::move(sleeper)) {
  // In any 60 s window a token bucket grants at most its capacity plus a minute of refill, so the
  // two share the limit: Alpaca counts requests per minute, not per bucket.
  const int capacity = burst > 0 ? std::min(burst, m_per_minute) : std::max(1, m_per_minute / 10);
  m_capacity = static_cast<double>(capacity);
  m_refill_per_minute = static_cast<double>(std::max(1, m_per_minute - capacity));
  m_tokens = m_capacity;
  m_last = m_clock();
}

void RateLimiter::refill(std::chrono::nanoseconds now) {
  if (now <= m_last) {
    return;
  }
  const double elapsed_minutes =
      std::chrono::duration<double, std::ratio<60>>(now - m_last).count();
  m_tokens = std::min(m_capacity, m_tokens + elapsed_minutes * m_refill_per_minute);
  m_last = now;
}

std::chrono::nanoseconds RateLimiter::try_acquire() {
  const std::lock_guard lock(m_mutex);
  refill(m_clock());
  if (m_tokens >= 1.0) {
    m_tokens -= 1.0;
    return std::chrono::nanoseconds{0};
  }
  const double minutes_needed = (1.0 - m_tokens) / m_refill_per_minute;
  const auto wait =
      std::chrono::nanoseconds{static_cast<std::int64_t>(std::ceil(minutes_needed * 60.0 * 1e9))};
  return std::max(wait, std::chrono::nanoseconds{1});
}

void RateLimiter::acquire() {
  for (;;) {
    const auto wait = try_acquire();
    if (wait.count() == 0) {
      return;
    }
    m_sleeper(wait);
  }
}

void RateLimiter::drain() {
  const std::lock_guard lock(m_mutex);
  refill(m_clock());
  m_tokens = 0.0;
}

} // namespace crew::alpaca
