#include "alert_fakes.hpp"
#include "alerts/alert.hpp"

#include <gtest/gtest.h>

using namespace crew::alerts;
using crew::alerts::test::at;

namespace {

Alert halt_alert() {
  return Alert{
      "halt", "halt", Severity::critical, false, at(0), at(0), "trading is halted (crew stop)"};
}

} // namespace

TEST(Alert, SubjectNamesSeverityRuleAndMessage) {
  EXPECT_EQ(subject(halt_alert()), "[crew] CRITICAL halt: trading is halted (crew stop)");
  auto warning = halt_alert();
  warning.severity = Severity::warning;
  EXPECT_EQ(subject(warning).rfind("[crew] WARNING halt: ", 0), 0U);
}

TEST(Alert, ResolvedSubjectSaysResolved) {
  auto resolved = halt_alert();
  resolved.resolved = true;
  EXPECT_EQ(subject(resolved), "[crew] RESOLVED halt: trading is halted (crew stop)");
}

TEST(Alert, BodyGivesTimesAndAdvice) {
  const auto text = body(halt_alert());
  EXPECT_NE(text.find("Raised at 2026-11-18T11:06:40Z (critical)"), std::string::npos) << text;
  EXPECT_NE(text.find("crew resume"), std::string::npos) << text;
  auto resolved = halt_alert();
  resolved.resolved = true;
  resolved.time = at(600);
  EXPECT_NE(body(resolved).find("Resolved at 2026-11-18T11:16:40Z (the condition began at "
                                "2026-11-18T11:06:40Z)"),
            std::string::npos)
      << body(resolved);
}

TEST(Alert, EveryRuleHasAdvice) {
  for (const char* rule :
       {"error_rate", "api_quota", "drawdown", "daily_loss", "halt", "reconciliation", "stall"}) {
    EXPECT_FALSE(advice(rule).empty()) << rule;
  }
  EXPECT_TRUE(advice("unknown").empty());
}

TEST(Alert, SeverityRoundTripsThroughText) {
  for (const auto severity : {Severity::warning, Severity::critical}) {
    EXPECT_EQ(*parse_severity(to_string(severity)), severity);
  }
  EXPECT_FALSE(parse_severity("fatal").ok());
}
