#pragma once
// RateWindow: Alpaca's per-account request limit as a sliding one-minute window (alpaca-api.md
// 8.2). Answers whether a request is admitted and the X-RateLimit-* values to send back.
#include "core/time.hpp"

#include <cstdint>
#include <deque>
#include <mutex>

namespace crew::fake_alpaca {

struct Admission {
  bool admitted = true;
  int limit = 0;
  int remaining = 0;
  std::int64_t reset_epoch_seconds = 0; // when the oldest counted request leaves the window
};

class RateWindow {
public:
  explicit RateWindow(int per_minute) : m_limit(per_minute) {}
  Admission admit(core::UtcTime now);

private:
  int m_limit;
  std::deque<core::UtcTime> m_admitted;
  std::mutex m_mutex;
};

} // namespace crew::fake_alpaca
