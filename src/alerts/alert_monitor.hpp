#pragma once
// AlertMonitor: turns Health snapshots into alerts, once per episode. The engine calls
//
//   alerts::AlertMonitor monitor(config.alerts, store, std::move(sinks));
//   ...every tick:  monitor.observe(health, clock.now());
//
// with `health` filled by add_risk_facts() (equity, halt, daily loss), add_store_facts() (API
// calls in the last minute, last heartbeat), a RequestWindow (error rate) and, after the start-up
// reconciliation, its mismatches (an empty list resolves an earlier mismatch episode).
//
// An episode opens when a rule's condition becomes active — the alert is sent then, once — and
// ends when the condition has stayed clear for [alerts] resolve_after_seconds (a "resolved"
// message goes to the log, and to the other sinks when send_resolved). A rule the snapshot cannot
// judge (its part unset) changes nothing. Open episodes and undelivered alerts live in the state
// store (AlertBook), so a restart neither resends nor loses them; raised and resolved alerts are
// also recorded as EventKind::alert events. A failed delivery is logged and retried on a later
// observe(); nothing here throws or fails the caller. observe() may be called from two threads
// (the loop and a stall watchdog): calls are serialised.
#include "alerts/alert_book.hpp"
#include "alerts/alert_rules.hpp"
#include "alerts/alert_sink.hpp"
#include "alerts/health.hpp"
#include "config/config.hpp"
#include "state/state_store.hpp"

#include <memory>
#include <mutex>
#include <vector>

namespace crew::alerts {

// What one observe() did, for the caller to show and for tests.
struct ObserveReport {
  std::vector<Alert> raised;
  std::vector<Alert> resolved;
  int delivered = 0; // successful deliveries (alert × sink) in this call
  int failed = 0;    // failed ones, to be retried
};

class AlertMonitor {
public:
  // Loads the stored AlertBook (an unreadable one is logged and replaced by an empty one).
  AlertMonitor(const config::AlertsConfig& config, state::StateStore& store,
               std::vector<std::unique_ptr<AlertSink>> sinks);

  // Evaluates every rule on `health` at `now`, opens and ends episodes, and delivers what is due.
  ObserveReport observe(const Health& health, core::UtcTime now);

  std::vector<Episode> open_episodes() const;
  // Alerts still owed to at least one sink.
  std::size_t undelivered() const;

private:
  void update_episodes(const std::vector<RuleOutcome>& outcomes, core::UtcTime now,
                       ObserveReport& report);
  void enqueue(const Alert& alert, core::UtcTime now);
  void record_event(const Alert& alert);
  void deliver_due(core::UtcTime now, ObserveReport& report);
  AlertSink* sink(std::string_view name) const;
  void persist(core::UtcTime now);

  config::AlertsConfig m_config;
  state::StateStore& m_store;
  std::vector<std::unique_ptr<AlertSink>> m_sinks;
  AlertBook m_book;
  std::string m_saved; // the book as last stored
  mutable std::mutex m_mutex;
};

// Delay before the next attempt after `attempts` failed ones: 30 s doubling to at most 15 min.
core::Duration retry_delay(int attempts);
// An alert still undelivered this long after it was raised is dropped (with an error line).
inline constexpr core::Duration k_give_up_after = std::chrono::hours{24};

} // namespace crew::alerts
