// Episode logic. For each rule outcome of a snapshot:
// - active, no episode open: open one and queue a "raised" alert for every sink;
// - active, episode open: nothing is sent (a condition that flickered clear and back within
//   resolve_after_seconds stays one episode);
// - clear, episode open: remember since when; once clear for resolve_after_seconds, end the
//   episode and queue a "resolved" alert (the log always; the other sinks when send_resolved);
// - unknown: nothing changes.
// A queued alert goes into the book's outbox (one Delivery, the sinks it is owed to) and to the
// DeliveryQueue, one job per sink; each observe() first records what the queue reports back
// (delivered, given up or dropped: that sink is no longer owed; failed: attempts and the next try,
// so a restart continues the backoff). The book is saved to the state store only when it changed.
#include "alerts/alert_monitor.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace crew::alerts {
namespace {

std::optional<core::AssetClass> market_of(const std::string& key) {
  const auto slash = key.find('/');
  if (slash == std::string::npos) {
    return std::nullopt;
  }
  auto market = core::parse_asset_class(key.substr(slash + 1));
  return market ? std::optional<core::AssetClass>{*market} : std::nullopt;
}

std::vector<std::string> names_of(const std::vector<std::unique_ptr<AlertSink>>& sinks) {
  std::vector<std::string> names;
  for (const auto& sink : sinks) {
    names.emplace_back(sink->name());
  }
  return names;
}

} // namespace

AlertMonitor::AlertMonitor(const config::AlertsConfig& config, state::StateStore& store,
                           std::vector<std::unique_ptr<AlertSink>> sinks, Now now,
                           DeliveryOptions delivery)
    : m_config(config), m_store(store), m_now(std::move(now)), m_sinks(names_of(sinks)),
      m_queue(std::make_unique<DeliveryQueue>(std::move(sinks), delivery)) {
  auto book = load_alert_book(m_store);
  if (!book) {
    spdlog::warn("alerts: starting with no open episodes: {}", book.error().message());
    return;
  }
  m_book = std::move(*book);
  m_saved = to_json(m_book);
  const auto at = m_now();
  // A time ahead of the clock comes from a version that judged on the session's clock: it counts
  // as now, so an episode clear since then still resolves, and a retry is not put off for long.
  for (auto& [key, episode] : m_book.open) {
    if (episode.clear_since && *episode.clear_since > at) {
      episode.clear_since = at;
    }
  }
  for (auto& d : m_book.outbox) {
    // Sinks configured away since the alert was queued are no longer owed anything.
    std::erase_if(d.pending, [&](const std::string& name) { return !m_queue->has_sink(name); });
    const auto wait =
        std::clamp<core::Duration>(d.next_attempt - at, core::Duration{0}, delivery.max_retry);
    for (const auto& name : d.pending) {
      m_queue->push(d.alert, name, d.attempts, wait);
    }
  }
  std::erase_if(m_book.outbox, [](const Delivery& d) { return d.pending.empty(); });
}

AlertMonitor::~AlertMonitor() {
  shutdown();
}

ObserveReport AlertMonitor::observe(const Health& health,
                                    std::optional<core::UtcTime> session_time) {
  const std::lock_guard lock(m_mutex);
  const auto now = m_now();
  ObserveReport report;
  record_results(now);
  update_episodes(evaluate_rules(health, m_config, now), now, session_time, report);
  persist(now);
  return report;
}

bool AlertMonitor::drain(core::Duration limit) {
  const bool settled = m_queue->drain(limit); // without the lock: observe() goes on meanwhile
  const std::lock_guard lock(m_mutex);
  const auto now = m_now();
  record_results(now);
  persist(now);
  return settled;
}

void AlertMonitor::shutdown() {
  (void)m_queue->shutdown();
  const std::lock_guard lock(m_mutex);
  const auto now = m_now();
  record_results(now);
  persist(now);
}

std::vector<Episode> AlertMonitor::open_episodes() const {
  const std::lock_guard lock(m_mutex);
  std::vector<Episode> episodes;
  for (const auto& [key, episode] : m_book.open) {
    episodes.push_back(episode);
  }
  return episodes;
}

std::size_t AlertMonitor::undelivered() const {
  const std::lock_guard lock(m_mutex);
  return m_book.outbox.size();
}

void AlertMonitor::update_episodes(const std::vector<RuleOutcome>& outcomes, core::UtcTime now,
                                   std::optional<core::UtcTime> session_time,
                                   ObserveReport& report) {
  const core::Duration settle = std::chrono::seconds{m_config.resolve_after_seconds};
  for (const auto& outcome : outcomes) {
    const auto it = m_book.open.find(outcome.key);
    if (outcome.state == RuleState::active) {
      if (it != m_book.open.end()) {
        it->second.clear_since.reset();
        continue;
      }
      Episode episode{outcome.key, outcome.rule, outcome.severity, now, outcome.message, {}};
      m_book.open[outcome.key] = episode;
      const Alert alert{outcome.key, outcome.rule, outcome.severity, false,
                        now,         now,          outcome.message,  session_time};
      report.raised.push_back(alert);
      record_event(alert);
      enqueue(alert, now);
    } else if (outcome.state == RuleState::clear && it != m_book.open.end()) {
      auto& episode = it->second;
      if (!episode.clear_since) {
        episode.clear_since = now;
      }
      if (now - *episode.clear_since < settle) {
        continue;
      }
      const Alert alert{episode.key,   episode.rule, episode.severity, true,
                        episode.since, now,          episode.message,  session_time};
      m_book.open.erase(it);
      report.resolved.push_back(alert);
      record_event(alert);
      enqueue(alert, now);
    }
  }
}

void AlertMonitor::enqueue(const Alert& alert, core::UtcTime now) {
  Delivery delivery{alert, {}, 0, now};
  for (const auto& name : m_sinks) {
    if (!alert.resolved || m_config.send_resolved || name == "log") {
      delivery.pending.push_back(name);
      m_queue->push(alert, name);
    }
  }
  if (!delivery.pending.empty()) {
    m_book.outbox.push_back(std::move(delivery));
  }
}

void AlertMonitor::record_event(const Alert& alert) {
  const auto text =
      std::string(alert.resolved ? "resolved " : "") + alert.rule + ": " + alert.message;
  // Dated on the session's clock when known, like the session's other events.
  const auto time = alert.session_time.value_or(alert.time);
  if (auto recorded = m_store.record_event(
          state::Event{0, time, state::EventKind::alert, market_of(alert.key), text});
      !recorded) {
    spdlog::warn("alerts: could not record the event: {}", recorded.error().message());
  }
}

void AlertMonitor::record_results(core::UtcTime now) {
  for (const auto& result : m_queue->take_results()) {
    const auto delivery = std::find_if(m_book.outbox.begin(), m_book.outbox.end(),
                                       [&](const Delivery& d) { return d.alert == result.alert; });
    if (delivery == m_book.outbox.end()) {
      continue;
    }
    if (result.outcome == DeliveryOutcome::failed) {
      delivery->attempts = std::max(delivery->attempts, result.attempts);
      delivery->next_attempt = now + result.retry_in;
      continue;
    }
    std::erase(delivery->pending, result.sink); // delivered, given up or dropped
    if (delivery->pending.empty()) {
      m_book.outbox.erase(delivery);
    }
  }
}

void AlertMonitor::persist(core::UtcTime now) {
  auto text = to_json(m_book);
  if (text == m_saved) {
    return;
  }
  if (auto saved = m_store.set_setting(k_alert_book_setting, text, now); !saved) {
    spdlog::warn("alerts: could not save the open episodes: {}", saved.error().message());
    return;
  }
  m_saved = std::move(text);
}

} // namespace crew::alerts
