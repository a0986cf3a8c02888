// Episode logic. For each rule outcome of a snapshot:
// - active, no episode open: open one and queue a "raised" alert for every sink;
// - active, episode open: nothing is sent (a condition that flickered clear and back within
//   resolve_after_seconds stays one episode);
// - clear, episode open: remember since when; once clear for resolve_after_seconds, end the
//   episode and queue a "resolved" alert (the log always; the other sinks when send_resolved);
// - unknown: nothing changes.
// Queued alerts are delivered at once; a sink that fails keeps the alert pending for itself alone,
// retried after retry_delay(). The book is saved to the state store only when it changed.
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

} // namespace

core::Duration retry_delay(int attempts) {
  const auto doublings = std::clamp(attempts - 1, 0, 10);
  const core::Duration delay = std::chrono::seconds{30} * (std::int64_t{1} << doublings);
  return std::min<core::Duration>(delay, std::chrono::minutes{15});
}

AlertMonitor::AlertMonitor(const config::AlertsConfig& config, state::StateStore& store,
                           std::vector<std::unique_ptr<AlertSink>> sinks)
    : m_config(config), m_store(store), m_sinks(std::move(sinks)) {
  auto book = load_alert_book(m_store);
  if (!book) {
    spdlog::warn("alerts: starting with no open episodes: {}", book.error().message());
    return;
  }
  m_book = std::move(*book);
  m_saved = to_json(m_book);
  // Sinks configured away since the alert was queued are no longer owed anything.
  for (auto& delivery : m_book.outbox) {
    std::erase_if(delivery.pending, [&](const std::string& name) { return sink(name) == nullptr; });
  }
  std::erase_if(m_book.outbox, [](const Delivery& d) { return d.pending.empty(); });
}

ObserveReport AlertMonitor::observe(const Health& health, core::UtcTime now) {
  const std::lock_guard lock(m_mutex);
  ObserveReport report;
  update_episodes(evaluate_rules(health, m_config, now), now, report);
  deliver_due(now, report);
  persist(now);
  return report;
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
                        now,         now,          outcome.message};
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
                        episode.since, now,          episode.message};
      m_book.open.erase(it);
      report.resolved.push_back(alert);
      record_event(alert);
      enqueue(alert, now);
    }
  }
}

void AlertMonitor::enqueue(const Alert& alert, core::UtcTime now) {
  Delivery delivery{alert, {}, 0, now};
  for (const auto& s : m_sinks) {
    if (!alert.resolved || m_config.send_resolved || s->name() == "log") {
      delivery.pending.emplace_back(s->name());
    }
  }
  if (!delivery.pending.empty()) {
    m_book.outbox.push_back(std::move(delivery));
  }
}

void AlertMonitor::record_event(const Alert& alert) {
  const auto text =
      std::string(alert.resolved ? "resolved " : "") + alert.rule + ": " + alert.message;
  if (auto recorded = m_store.record_event(
          state::Event{0, alert.time, state::EventKind::alert, market_of(alert.key), text});
      !recorded) {
    spdlog::warn("alerts: could not record the event: {}", recorded.error().message());
  }
}

void AlertMonitor::deliver_due(core::UtcTime now, ObserveReport& report) {
  for (auto& delivery : m_book.outbox) {
    if (delivery.next_attempt > now) {
      continue;
    }
    std::erase_if(delivery.pending, [&](const std::string& name) {
      AlertSink* target = sink(name);
      if (target == nullptr) {
        return true;
      }
      if (auto sent = target->deliver(delivery.alert); !sent) {
        ++report.failed;
        spdlog::warn("alerts: {} alert '{}' not delivered to {}: {} (will retry)",
                     delivery.alert.resolved ? "resolved" : "raised", delivery.alert.key, name,
                     sent.error().message());
        return false;
      }
      ++report.delivered;
      return true;
    });
    if (!delivery.pending.empty()) {
      ++delivery.attempts;
      delivery.next_attempt = now + retry_delay(delivery.attempts);
    }
  }
  std::erase_if(m_book.outbox, [&](const Delivery& d) {
    if (!d.pending.empty() && now - d.alert.time >= k_give_up_after) {
      spdlog::error("alerts: giving up on alert '{}' after {} attempts", d.alert.key, d.attempts);
      return true;
    }
    return d.pending.empty();
  });
}

AlertSink* AlertMonitor::sink(std::string_view name) const {
  for (const auto& s : m_sinks) {
    if (s->name() == name) {
      return s.get();
    }
  }
  return nullptr;
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
