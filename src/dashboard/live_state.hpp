#pragma once
// LiveState: the loop's side of the live snapshot. The loop calls update() after each tick; the
// dashboard's threads read it through source(). A mutex keeps each snapshot whole.
#include "dashboard/live_snapshot.hpp"

#include <mutex>

namespace crew::dashboard {

class LiveState {
public:
  void update(LiveSnapshot snapshot);
  std::optional<LiveSnapshot> snapshot() const;
  // A LiveSource reading this state; the state must outlive every server given it.
  LiveSource source() const;

private:
  mutable std::mutex m_mutex;
  std::optional<LiveSnapshot> m_snapshot;
};

} // namespace crew::dashboard
