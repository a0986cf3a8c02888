#include "alerts/request_window.hpp"

namespace crew::alerts {

void RequestWindow::record(core::UtcTime at, bool failed) {
  // A time before the newest entry (a clock step back) is counted as the newest time.
  if (!m_entries.empty() && at < m_entries.back().at) {
    at = m_entries.back().at;
  }
  m_entries.push_back(Entry{at, failed});
  ++m_counts.requests;
  m_counts.errors += failed ? 1 : 0;
}

RequestCounts RequestWindow::counts(core::UtcTime now) {
  while (!m_entries.empty() && m_entries.front().at <= now - m_window) {
    --m_counts.requests;
    m_counts.errors -= m_entries.front().failed ? 1 : 0;
    m_entries.pop_front();
  }
  return m_counts;
}

} // namespace crew::alerts
