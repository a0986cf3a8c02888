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
  // `per_minute` tokens refill evenly over a minute; the bucket holds at most `burst` (default:
  // per_minute, i.e. a full minute's worth may be spent at once).
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
  double m_capacity;
  double m_tokens;
  std::chrono::nanoseconds m_last;
  MonotonicClock m_clock;
  Sleeper m_sleeper;
  std::mutex m_mutex;
};

} // namespace crew::alpaca
