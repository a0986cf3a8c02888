#include "dashboard/live_state.hpp"

namespace crew::dashboard {

void LiveState::update(LiveSnapshot snapshot) {
  const std::lock_guard lock(m_mutex);
  m_snapshot = std::move(snapshot);
}

std::optional<LiveSnapshot> LiveState::snapshot() const {
  const std::lock_guard lock(m_mutex);
  return m_snapshot;
}

LiveSource LiveState::source() const {
  return [this] { return snapshot(); };
}

} // namespace crew::dashboard
