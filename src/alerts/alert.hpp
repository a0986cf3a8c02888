#pragma once
// Alert: one message about an operating condition, as every sink receives it — "raised" when the
// condition starts, "resolved" when it has ended. The texts are built here once, so the log, the
// webhook and the e-mail say the same thing. Not a rule and not a delivery: just the message.
#include "core/result.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace crew::alerts {

enum class Severity { warning, critical };

// "warning", "critical".
std::string_view to_string(Severity severity);
core::Result<Severity> parse_severity(std::string_view text);

// `since` and `time` are on the AlertMonitor's clock (real time); `session_time` is the
// session's own clock at that moment (simulated, or the venue's with --clock broker), quoted in
// the text and dating the alert's event in the state store, never used to judge anything.
struct Alert {
  Alert() = default;
  Alert(std::string episode_key, std::string rule_name, Severity level, bool is_resolved,
        core::UtcTime began, core::UtcTime at, std::string text,
        std::optional<core::UtcTime> session_clock = std::nullopt);

  std::string key;  // the episode: the rule, plus "/MARKET" for per-market rules
  std::string rule; // error_rate, api_quota, drawdown, daily_loss, halt, reconciliation, stall
  Severity severity = Severity::warning;
  bool resolved = false;
  core::UtcTime since; // when the condition started
  core::UtcTime time;  // when it was raised or resolved
  std::string message; // one line: what is wrong, with the numbers
  std::optional<core::UtcTime> session_time;

  bool operator==(const Alert&) const = default;
};

// One line: "[crew] CRITICAL halt: trading is halted (…)" or "[crew] RESOLVED halt: …".
std::string subject(const Alert& alert);
// The subject's facts as a few lines: the message, when (and the session's time when its clock is
// a minute or more away from the real one), since when, and what to do.
std::string body(const Alert& alert);
// The rule's advice to the operator, one sentence (docs/operations.md explains each rule).
std::string_view advice(std::string_view rule);

} // namespace crew::alerts
