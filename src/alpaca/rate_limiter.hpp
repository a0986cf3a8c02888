#pragma once
// RateLimiter: a token bucket (200 requests per minute by default) shared by every client of one
// Alpaca account, so concurrent callers together stay under the account's quota. Time and
// sleeping are injected: tests drive a fake clock and never sleep.
#include <chrono>
#include <functional>
#include <mutex>

namespace crew::alpaca {

// A monotonic clock reading and a way to wait; the defaults are steady_clock and this_thread.
using MonotonicClock = std::function<std::chrono::nanoseconds()>;
using Sleeper = std::function<void(std::chrono::nanoseconds)>;

MonotonicClock steady_monotonic_clock();
Sleeper thread_sleeper();

class RateLimiter {
public:
  // Never more than `per_minute` requests in any 60 s window: the bucket holds `burst` tokens
  // (default: a tenth of per_minute) and refills the rest of the limit evenly over a minute.
  explicit RateLimiter(int per_minute = 200, MonotonicClock clock = steady_monotonic_clock(),
                       Sleeper sleeper = thread_sleeper(), int burst = 0);

  // Takes one token, sleeping (through the injected sleeper) until one is available.
  void acquire();
  // Takes a token if one is available now; otherwise returns how long until one will be.
  std::chrono::nanoseconds try_acquire();
  // Empties the bucket, e.g. after the server answered 429 (its window is full).
  void drain();

  int per_minute() const { return m_per_minute; }

private:
  void refill(std::chrono::nanoseconds now);

  int m_per_minute;
  double m_capacity = 1;
  double m_refill_per_minute = 1;
  double m_tokens = 1;
  std::chrono::nanoseconds m_last;
  MonotonicClock m_clock;
  Sleeper m_sleeper;
  std::mutex m_mutex;
};

} // namespace crew::alpaca
