#pragma once
// Test doubles for the alerts tests: a sink that records what it was given and fails on demand, a
// sink that blocks until the test opens its gate, the log captured as text, and small Health /
// time helpers. The sinks are called on the delivery queue's threads, so what they record is
// guarded and read through copies.
#include "alerts/alert_sink.hpp"
#include "alerts/health.hpp"

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace crew::alerts::test {

inline core::UtcTime at(std::int64_t seconds) {
  return core::UtcTime::from_seconds(1'795'000'000 + seconds); // 2026-11-18T11:06:40Z + seconds
}

// Polls `done` every millisecond for up to `limit` of real time.
template <typename Done>
bool eventually(Done done, std::chrono::milliseconds limit = std::chrono::seconds{5}) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds{1});
  }
  return true;
}

// Records every delivery attempt; refuses while failing (or for the first `fail_first` attempts).
class RecordingSink final : public AlertSink {
public:
  class Log {
  public:
    std::vector<Alert> delivered() const {
      const std::lock_guard lock(m_mutex);
      return m_delivered;
    }
    int attempts() const {
      const std::lock_guard lock(m_mutex);
      return m_attempts;
    }
    // When each attempt began.
    std::vector<std::chrono::steady_clock::time_point> attempt_times() const {
      const std::lock_guard lock(m_mutex);
      return m_times;
    }
    void set_failing(bool failing) {
      const std::lock_guard lock(m_mutex);
      m_failing = failing;
    }
    void fail_first(int attempts) {
      const std::lock_guard lock(m_mutex);
      m_fail_first = attempts;
    }

  private:
    friend class RecordingSink;
    mutable std::mutex m_mutex;
    std::vector<Alert> m_delivered;
    std::vector<std::chrono::steady_clock::time_point> m_times;
    int m_attempts = 0;
    int m_fail_first = 0;
    bool m_failing = false;
  };

  RecordingSink(std::string name, std::shared_ptr<Log> log)
      : m_name(std::move(name)), m_log(std::move(log)) {}

  std::string_view name() const override { return m_name; }
  core::Status deliver(const Alert& alert) override {
    const std::lock_guard lock(m_log->m_mutex);
    ++m_log->m_attempts;
    m_log->m_times.push_back(std::chrono::steady_clock::now());
    if (m_log->m_failing || m_log->m_attempts <= m_log->m_fail_first) {
      return core::Error{"receiver down", m_name};
    }
    m_log->m_delivered.push_back(alert);
    return {};
  }

private:
  std::string m_name;
  std::shared_ptr<Log> m_log;
};

// Blocks every delivery until open() (or for at most 10 s, so a failed test cannot hang), then
// records it; entered() counts the deliveries that began.
class GateSink final : public AlertSink {
public:
  struct Gate {
    std::mutex mutex;
    std::condition_variable changed;
    bool open = false;
    int entered = 0;
    std::vector<Alert> delivered;

    void open_it() {
      {
        const std::lock_guard lock(mutex);
        open = true;
      }
      changed.notify_all();
    }
    int entered_count() {
      const std::lock_guard lock(mutex);
      return entered;
    }
    std::vector<Alert> delivered_alerts() {
      const std::lock_guard lock(mutex);
      return delivered;
    }
  };

  GateSink(std::string name, std::shared_ptr<Gate> gate)
      : m_name(std::move(name)), m_gate(std::move(gate)) {}

  std::string_view name() const override { return m_name; }
  core::Status deliver(const Alert& alert) override {
    std::unique_lock lock(m_gate->mutex);
    ++m_gate->entered;
    if (!m_gate->changed.wait_for(lock, std::chrono::seconds{10}, [&] { return m_gate->open; })) {
      return core::Error{"gate never opened", m_name};
    }
    m_gate->delivered.push_back(alert);
    return {};
  }

private:
  std::string m_name;
  std::shared_ptr<Gate> m_gate;
};

// Sends spdlog's default logger to a string for the object's life ("%l %v" lines).
class CapturedLog {
public:
  CapturedLog()
      : m_sink(std::make_shared<spdlog::sinks::ostream_sink_mt>(m_out)),
        m_previous(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>("alerts-test", m_sink);
    logger->set_pattern("%l %v");
    logger->set_level(spdlog::level::info);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(m_previous); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  // The text so far (read it once the threads that log are done).
  std::string text() const { return m_out.str(); }
  // Lines containing `needle`.
  int count(const std::string& needle) const {
    std::istringstream lines(text());
    int n = 0;
    for (std::string line; std::getline(lines, line);) {
      n += line.find(needle) != std::string::npos ? 1 : 0;
    }
    return n;
  }

private:
  std::ostringstream m_out;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;
  std::shared_ptr<spdlog::logger> m_previous;
};

inline Health halted(bool is_halted,
                     std::string reason = "drawdown 10.4% from the high-water mark") {
  Health health;
  health.halt = HaltFlag{is_halted, std::move(reason)};
  return health;
}

} // namespace crew::alerts::test
