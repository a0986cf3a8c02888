#include "alerts/alert.hpp"

#include <fmt/format.h>

namespace crew::alerts {

Alert::Alert(std::string episode_key, std::string rule_name, Severity level, bool is_resolved,
             core::UtcTime began, core::UtcTime at, std::string text,
             std::optional<core::UtcTime> session_clock)
    : key(std::move(episode_key)), rule(std::move(rule_name)), severity(level),
      resolved(is_resolved), since(began), time(at), message(std::move(text)),
      session_time(session_clock) {}

std::string_view to_string(Severity severity) {
  return severity == Severity::critical ? "critical" : "warning";
}

core::Result<Severity> parse_severity(std::string_view text) {
  if (text == "warning") {
    return Severity::warning;
  }
  if (text == "critical") {
    return Severity::critical;
  }
  return core::Error{"unknown severity '" + std::string(text) + "'", "alerts"};
}

std::string subject(const Alert& alert) {
  if (alert.resolved) {
    return fmt::format("[crew] RESOLVED {}: {}", alert.rule, alert.message);
  }
  return fmt::format("[crew] {} {}: {}",
                     alert.severity == Severity::critical ? "CRITICAL" : "WARNING", alert.rule,
                     alert.message);
}

std::string body(const Alert& alert) {
  std::string text = alert.message + "\n\n";
  if (alert.resolved) {
    text += fmt::format("Resolved at {} (the condition began at {}).\n",
                        core::format_rfc3339(alert.time), core::format_rfc3339(alert.since));
  } else {
    text += fmt::format("Raised at {} ({}).\n", core::format_rfc3339(alert.time),
                        to_string(alert.severity));
    if (const auto hint = advice(alert.rule); !hint.empty()) {
      text += std::string(hint) + "\n";
    }
  }
  if (const auto gap = alert.session_time ? *alert.session_time - alert.time : core::Duration{0};
      gap >= std::chrono::minutes{1} || gap <= -std::chrono::minutes{1}) {
    text += fmt::format("Session time: {} (the session's own clock).\n",
                        core::format_rfc3339(*alert.session_time));
  }
  text += "Episode: " + alert.key + "\n";
  return text;
}

std::string_view advice(std::string_view rule) {
  if (rule == "error_rate") {
    return "Many requests are failing: check the network, Alpaca's status page and the log.";
  }
  if (rule == "api_quota") {
    return "API use is near the per-minute limit; requests will be throttled beyond it.";
  }
  if (rule == "drawdown") {
    return "Equity is falling from its high-water mark; the loop halts at [risk] max_drawdown.";
  }
  if (rule == "daily_loss") {
    return "No new entries in this market until its next trading day.";
  }
  if (rule == "halt") {
    return "Trading is halted; read the reason, then `crew resume` when it is safe.";
  }
  if (rule == "reconciliation") {
    return "The state store and the broker disagree; the loop will not trade until they match.";
  }
  if (rule == "stall") {
    return "The loop has stopped ticking: check that `crew autonomous` is running and the log.";
  }
  return {};
}

} // namespace crew::alerts
