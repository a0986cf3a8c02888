// Requests admitted in the last 60 s are kept in arrival order; refused requests do not count.
#include "rate_window.hpp"

#include <chrono>

namespace crew::fake_alpaca {

Admission RateWindow::admit(core::UtcTime now) {
  const std::lock_guard lock(m_mutex);
  const core::Duration window = std::chrono::minutes{1};
  while (!m_admitted.empty() && now - m_admitted.front() >= window) {
    m_admitted.pop_front();
  }
  Admission admission;
  admission.limit = m_limit;
  admission.admitted = static_cast<int>(m_admitted.size()) < m_limit;
  if (admission.admitted) {
    m_admitted.push_back(now);
  }
  admission.remaining = m_limit - static_cast<int>(m_admitted.size());
  const core::UtcTime oldest = m_admitted.empty() ? now : m_admitted.front();
  // Rounded up: the window has surely moved on by then.
  admission.reset_epoch_seconds = (oldest + window).seconds() + 1;
  return admission;
}

} // namespace crew::fake_alpaca
