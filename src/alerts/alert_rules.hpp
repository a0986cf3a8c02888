#pragma once
// The alert rules: each looks at one part of a Health snapshot and says whether its condition
// holds now (active, with a one-line message), does not hold (clear), or cannot be judged because
// the caller did not observe that part (unknown). Pure functions of the snapshot, the [alerts]
// thresholds and the time; episodes and delivery are the AlertMonitor's business.
#include "alerts/alert.hpp"
#include "alerts/health.hpp"
#include "config/config.hpp"

#include <string>
#include <vector>

namespace crew::alerts {

enum class RuleState { active, clear, unknown };

struct RuleOutcome {
  std::string key; // episode key: the rule, plus "/MARKET" for per-market rules
  std::string rule;
  Severity severity = Severity::warning;
  RuleState state = RuleState::unknown;
  std::string message; // set when active

  bool operator==(const RuleOutcome&) const = default;
};

// Failed / all requests over the window at or above error_rate, with at least error_min_requests.
RuleOutcome error_rate_rule(const Health& health, const config::AlertsConfig& config);
// API calls in the last minute at or above api_quota_fraction of the per-minute limit.
RuleOutcome api_quota_rule(const Health& health, const config::AlertsConfig& config);
// Equity at least `drawdown` below the high-water mark.
RuleOutcome drawdown_rule(const Health& health, const config::AlertsConfig& config);
// One outcome per observed market: its daily loss limit is hit.
std::vector<RuleOutcome> daily_loss_rules(const Health& health);
// Trading is halted (drawdown halt or `crew stop`).
RuleOutcome halt_rule(const Health& health);
// The last reconciliation found mismatches it could not explain.
RuleOutcome reconciliation_rule(const Health& health);
// No loop tick for stall_seconds or more.
RuleOutcome stall_rule(const Health& health, const config::AlertsConfig& config, core::UtcTime now);

// Every rule, in the order above.
std::vector<RuleOutcome> evaluate_rules(const Health& health, const config::AlertsConfig& config,
                                        core::UtcTime now);

} // namespace crew::alerts
