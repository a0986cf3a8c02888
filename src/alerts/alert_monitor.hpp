#pragma once
// AlertMonitor: turns Health snapshots into alerts, once per episode. The program wires it as
//
//   alerts::AlertMonitor monitor(config.alerts, store, std::move(sinks),
//                                [] { return RealClock{}.now(); });
//   ...every tick:  monitor.observe(health, clock.now());   // the session's time: data only
//   ...at the end:  monitor.shutdown();
//
// with `health` filled by add_risk_facts() (equity, halt, daily loss), add_store_facts() (API
// calls in the last minute, the halt flag), a RequestWindow (error rate) and, after the start-up
// reconciliation, its mismatches (an empty list resolves an earlier mismatch episode).
//
// One clock: the monitor judges everything (when an episode started, how long it has been clear,
// the stall rule) on its own clock `now`, the real one in the program, whoever calls observe().
// The session's time a caller passes (simulated, or the venue's with --clock broker, which may run
// hundreds of times faster than real time) is only quoted in the alert and dates its event in the
// state store beside the session's other events. So the loop and the stall watchdog, which feed
// the same monitor from two threads, cannot disagree about how long anything lasted.
//
// An episode opens when a rule's condition becomes active — the alert is queued then, once — and
// ends when the condition has stayed clear for [alerts] resolve_after_seconds (a "resolved"
// message goes to the log, and to the other sinks when send_resolved). A rule the snapshot cannot
// judge (its part unset) changes nothing. Open episodes and undelivered alerts live in the state
// store (AlertBook), so a restart neither resends nor loses them; raised and resolved alerts are
// also recorded as EventKind::alert events. Delivery is a DeliveryQueue's (threads of its own,
// bounded, retried with backoff): observe() never waits for a sink; it records what the queue
// reports back. Nothing here throws or fails the caller. observe() may be called from several
// threads (the loop and a stall watchdog): calls are serialised, and none of them blocks on a
// receiver.
#include "alerts/alert_book.hpp"
#include "alerts/alert_rules.hpp"
#include "alerts/alert_sink.hpp"
#include "alerts/delivery_queue.hpp"
#include "alerts/health.hpp"
#include "config/config.hpp"
#include "state/state_store.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace crew::alerts {

// What one observe() did, for the caller to show and for tests.
struct ObserveReport {
  std::vector<Alert> raised;
  std::vector<Alert> resolved;
};

class AlertMonitor {
public:
  using Now = std::function<core::UtcTime()>;

  // Loads the stored AlertBook (an unreadable one is logged and replaced by an empty one) and
  // queues what it still owes to the configured sinks.
  AlertMonitor(const config::AlertsConfig& config, state::StateStore& store,
               std::vector<std::unique_ptr<AlertSink>> sinks, Now now,
               DeliveryOptions delivery = {});
  // shutdown(), unless it already ran.
  ~AlertMonitor();
  AlertMonitor(const AlertMonitor&) = delete;
  AlertMonitor& operator=(const AlertMonitor&) = delete;

  // Evaluates every rule on `health` at now(), opens and ends episodes, queues what is due.
  // `session_time`: the session's clock at this snapshot, if the caller has one (see above).
  ObserveReport observe(const Health& health,
                        std::optional<core::UtcTime> session_time = std::nullopt);

  // The monitor's clock: the one time every caller is judged by (the watchdog reads it too).
  core::UtcTime now() const { return m_now(); }

  std::vector<Episode> open_episodes() const;
  // Alerts still owed to at least one sink.
  std::size_t undelivered() const;
  DeliveryStats delivery_stats() const { return m_queue->stats(); }

  // Waits up to `limit` for the deliveries due within it (DeliveryQueue::drain), then records
  // their outcomes. False when the time ran out first.
  bool drain(core::Duration limit);
  // The end of the session: the queue's bounded shutdown, then what was delivered is recorded and
  // what was not stays in the store for the next start.
  void shutdown();

private:
  void update_episodes(const std::vector<RuleOutcome>& outcomes, core::UtcTime now,
                       std::optional<core::UtcTime> session_time, ObserveReport& report);
  void enqueue(const Alert& alert, core::UtcTime now);
  void record_event(const Alert& alert);
  void record_results(core::UtcTime now);
  void persist(core::UtcTime now);

  config::AlertsConfig m_config;
  state::StateStore& m_store;
  Now m_now;
  std::vector<std::string> m_sinks; // names, in the order given
  std::unique_ptr<DeliveryQueue> m_queue;
  AlertBook m_book;
  std::string m_saved; // the book as last stored
  mutable std::mutex m_mutex;
};

} // namespace crew::alerts
