// The seven rules of issue 7. Severity: "critical" when trading has stopped or may be unsafe
// (halt, reconciliation mismatch, stalled loop); "warning" when it goes on but needs a look
// (errors, API quota, drawdown short of the halt, one market's daily loss limit). Thresholds are
// inclusive ("at or above"), like the risk rules they mirror. A rule whose input is missing from
// the snapshot is "unknown", so a partial observer never resolves another observer's alert.
#include "alerts/alert_rules.hpp"

#include <fmt/format.h>

namespace crew::alerts {
namespace {

RuleOutcome outcome(std::string rule, Severity severity, bool active, std::string message) {
  RuleOutcome result;
  result.key = rule;
  result.rule = std::move(rule);
  result.severity = severity;
  result.state = active ? RuleState::active : RuleState::clear;
  if (active) {
    result.message = std::move(message);
  }
  return result;
}

RuleOutcome unknown(std::string rule, Severity severity) {
  RuleOutcome result;
  result.key = rule;
  result.rule = std::move(rule);
  result.severity = severity;
  return result;
}

double percent(double fraction) {
  return 100.0 * fraction;
}

} // namespace

RuleOutcome error_rate_rule(const Health& health, const config::AlertsConfig& config) {
  if (!health.requests) {
    return unknown("error_rate", Severity::warning);
  }
  const auto& r = *health.requests;
  const double rate =
      r.requests > 0 ? static_cast<double>(r.errors) / static_cast<double>(r.requests) : 0.0;
  const bool active = r.requests >= config.error_min_requests && rate >= config.error_rate;
  return outcome(
      "error_rate", Severity::warning, active,
      fmt::format("{} of {} requests failed in the last {} s ({:.1f}%, alert at {:.1f}%)", r.errors,
                  r.requests, config.error_window_seconds, percent(rate),
                  percent(config.error_rate)));
}

RuleOutcome api_quota_rule(const Health& health, const config::AlertsConfig& config) {
  if (!health.api || health.api->limit_per_minute <= 0) {
    return unknown("api_quota", Severity::warning);
  }
  const auto& a = *health.api;
  const double use =
      static_cast<double>(a.calls_last_minute) / static_cast<double>(a.limit_per_minute);
  return outcome("api_quota", Severity::warning, use >= config.api_quota_fraction,
                 fmt::format("{} API calls in the last minute, {:.0f}% of the {} per minute limit",
                             a.calls_last_minute, percent(use), a.limit_per_minute));
}

RuleOutcome drawdown_rule(const Health& health, const config::AlertsConfig& config) {
  if (!health.equity || !(health.equity->high_water_mark > core::Decimal{})) {
    return unknown("drawdown", Severity::warning);
  }
  const double mark = health.equity->high_water_mark.to_double();
  const double drawdown = 1.0 - health.equity->equity.to_double() / mark;
  return outcome("drawdown", Severity::warning, drawdown >= config.drawdown,
                 fmt::format("equity {} is {:.2f}% below its high-water mark {} (alert at {:.1f}%)",
                             health.equity->equity.to_string(), percent(drawdown),
                             health.equity->high_water_mark.to_string(), percent(config.drawdown)));
}

std::vector<RuleOutcome> daily_loss_rules(const Health& health) {
  std::vector<RuleOutcome> outcomes;
  for (const auto& [market, hit] : health.daily_loss_limit_hit) {
    const std::string name(core::to_string(market));
    auto result = outcome("daily_loss", Severity::warning, hit,
                          fmt::format("{} hit its daily loss limit: no new {} entries until its "
                                      "next trading day",
                                      name, name));
    result.key = "daily_loss/" + name;
    outcomes.push_back(std::move(result));
  }
  return outcomes;
}

RuleOutcome halt_rule(const Health& health) {
  if (!health.halt) {
    return unknown("halt", Severity::critical);
  }
  return outcome(
      "halt", Severity::critical, health.halt->halted,
      "trading is halted (" +
          (health.halt->reason.empty() ? std::string("no reason given") : health.halt->reason) +
          ")");
}

RuleOutcome reconciliation_rule(const Health& health) {
  if (!health.reconciliation_mismatches) {
    return unknown("reconciliation", Severity::critical);
  }
  const auto& problems = *health.reconciliation_mismatches;
  std::string message = fmt::format("reconciliation found {} mismatch{}", problems.size(),
                                    problems.size() == 1 ? "" : "es");
  if (!problems.empty()) {
    message += ": " + problems.front();
    if (problems.size() > 1) {
      message += fmt::format(" (and {} more)", problems.size() - 1);
    }
  }
  return outcome("reconciliation", Severity::critical, !problems.empty(), message);
}

RuleOutcome stall_rule(const Health& health, const config::AlertsConfig& config,
                       core::UtcTime now) {
  if (!health.last_loop_time) {
    return unknown("stall", Severity::critical);
  }
  const auto silent =
      std::chrono::duration_cast<std::chrono::seconds>(now - *health.last_loop_time);
  return outcome("stall", Severity::critical, silent.count() >= config.stall_seconds,
                 fmt::format("the loop has not ticked for {} s (last tick {}, alert after {} s)",
                             silent.count(), core::format_rfc3339(*health.last_loop_time),
                             config.stall_seconds));
}

std::vector<RuleOutcome> evaluate_rules(const Health& health, const config::AlertsConfig& config,
                                        core::UtcTime now) {
  std::vector<RuleOutcome> outcomes = {error_rate_rule(health, config),
                                       api_quota_rule(health, config),
                                       drawdown_rule(health, config)};
  for (auto& daily : daily_loss_rules(health)) {
    outcomes.push_back(std::move(daily));
  }
  outcomes.push_back(halt_rule(health));
  outcomes.push_back(reconciliation_rule(health));
  outcomes.push_back(stall_rule(health, config, now));
  return outcomes;
}

} // namespace crew::alerts
