#pragma once
// Test doubles for the alerts tests: a sink that records what it was given and fails on demand,
// and small Health / time helpers.
#include "alerts/alert_sink.hpp"
#include "alerts/health.hpp"

#include <memory>
#include <string>
#include <vector>

namespace crew::alerts::test {

inline core::UtcTime at(std::int64_t seconds) {
  return core::UtcTime::from_seconds(1'795'000'000 + seconds); // 2026-11-18T11:06:40Z + seconds
}

// Records every delivery attempt; refuses while `failing` is set.
class RecordingSink final : public AlertSink {
public:
  struct Log {
    std::vector<Alert> delivered;
    int attempts = 0;
    bool failing = false;
  };

  RecordingSink(std::string name, std::shared_ptr<Log> log)
      : m_name(std::move(name)), m_log(std::move(log)) {}

  std::string_view name() const override { return m_name; }
  core::Status deliver(const Alert& alert) override {
    ++m_log->attempts;
    if (m_log->failing) {
      return core::Error{"receiver down", m_name};
    }
    m_log->delivered.push_back(alert);
    return {};
  }

private:
  std::string m_name;
  std::shared_ptr<Log> m_log;
};

inline Health halted(bool is_halted,
                     std::string reason = "drawdown 10.4% from the high-water mark") {
  Health health;
  health.halt = HaltFlag{is_halted, std::move(reason)};
  return health;
}

} // namespace crew::alerts::test
