#pragma once
// RequestWindow: counts requests and failures over a sliding time window, so the engine can fill
// Health::requests without a database query per tick. Times come from the caller (the Clock);
// nothing here reads the time. Not thread-safe: one owner records and counts.
#include "alerts/health.hpp"
#include "core/time.hpp"

#include <deque>

namespace crew::alerts {

class RequestWindow {
public:
  explicit RequestWindow(core::Duration window) : m_window(window) {}

  // One request at `at`; `failed` for a transport error or an HTTP 429/5xx answer.
  void record(core::UtcTime at, bool failed);
  // Requests and failures with time in (now − window, now]; forgets older ones.
  RequestCounts counts(core::UtcTime now);

private:
  struct Entry {
    core::UtcTime at;
    bool failed = false;
  };
  core::Duration m_window;
  std::deque<Entry> m_entries; // by time
  RequestCounts m_counts;
};

} // namespace crew::alerts
