#pragma once
// DeliveryQueue: takes alerts to the sinks off the caller's thread. The AlertMonitor decides what
// is sent (and keeps what is owed in the state store); the queue only delivers:
//
//   alerts::DeliveryQueue queue(std::move(sinks), alerts::DeliveryOptions{});
//   queue.push(alert, "webhook");        // returns at once, whatever the receiver does
//   ...queue.take_results()              // what became of each (alert, sink) since the last call
//   queue.shutdown();                    // end of session: a few seconds, then gives up
//
// Each sink has a lane of its own: a thread and a bounded list of waiting alerts, so a receiver
// that hangs (each attempt lasts that sink's own timeout: the webhook's request timeout, the mail
// dialogue's) holds up only its own deliveries, never the caller nor the other sinks. A lane holds
// at most `capacity` alerts, the one being delivered included; a push to a full lane drops the
// oldest waiting warning (or the new alert when every waiting one is critical and it is not, or
// else the oldest waiting critical one), counts it and logs it; push never waits for a sink. A
// failed attempt is retried after retry_delay() (doubling) up to max_attempts, then given up with
// an error line. Thread-safe: push and take_results may be called from any thread.
#include "alerts/alert_sink.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace crew::alerts {

struct DeliveryOptions {
  std::size_t capacity = 100; // alerts per sink, the one in flight included
  int max_attempts = 100;     // 30 s doubling to 15 min: about 24 hours
  core::Duration first_retry = std::chrono::seconds{30};
  core::Duration max_retry = std::chrono::minutes{15};
  core::Duration shutdown_grace = std::chrono::seconds{3};
};

// Delay before the next attempt after `attempts` failed ones: `first` doubling to at most `max`.
core::Duration retry_delay(int attempts, core::Duration first = std::chrono::seconds{30},
                           core::Duration max = std::chrono::minutes{15});

enum class DeliveryOutcome {
  delivered,
  failed,  // this attempt failed; another follows after `retry_in`
  gave_up, // max_attempts failed
  dropped, // pushed out of a full lane
};

struct DeliveryResult {
  Alert alert;
  std::string sink;
  DeliveryOutcome outcome = DeliveryOutcome::delivered;
  int attempts = 0;          // failed attempts so far
  core::Duration retry_in{}; // set when failed
};

struct DeliveryStats {
  std::int64_t delivered = 0;
  std::int64_t failed = 0; // failed attempts
  std::int64_t gave_up = 0;
  std::int64_t dropped = 0;
};

class DeliveryQueue {
public:
  DeliveryQueue(std::vector<std::unique_ptr<AlertSink>> sinks, DeliveryOptions options);
  // shutdown() unless it already ran.
  ~DeliveryQueue();
  DeliveryQueue(const DeliveryQueue&) = delete;
  DeliveryQueue& operator=(const DeliveryQueue&) = delete;

  bool has_sink(std::string_view name) const;

  // Queues `alert` for the sink named `sink` (`attempts` failed before, e.g. in an earlier
  // process; the first try after `delay`). Never blocks on a delivery; ignored after shutdown()
  // or for a sink this queue does not have.
  void push(const Alert& alert, std::string_view sink, int attempts = 0,
            core::Duration delay = core::Duration{0});

  // What happened since the last call, oldest first.
  std::vector<DeliveryResult> take_results();
  DeliveryStats stats() const;

  // Waits up to `limit` until no delivery is in flight and none is due within `limit`; false
  // when the time ran out first. Alerts waiting for a later retry do not count.
  bool drain(core::Duration limit);

  // Takes no more alerts, gives what is due shutdown_grace to be delivered, then gives up on the
  // rest with one warning line (what remains is still owed: the monitor keeps it in the state
  // store). Returns within the grace (plus a few milliseconds) even when a sink never returns: a
  // lane stuck in a delivery is left to finish on its own. Returns how many were left.
  std::size_t shutdown();

private:
  struct Lane;
  struct Shared;

  bool settled(std::chrono::steady_clock::time_point by) const;
  static void run_lane(const std::shared_ptr<Lane>& lane, const std::shared_ptr<Shared>& shared,
                       const DeliveryOptions& options);

  DeliveryOptions m_options;
  std::shared_ptr<Shared> m_shared;
  std::vector<std::shared_ptr<Lane>> m_lanes;
  std::mutex m_shutdown_mutex;
  bool m_shut = false;
};

} // namespace crew::alerts
