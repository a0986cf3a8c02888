#include "alert_fakes.hpp"
#include "alerts/alert_rules.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;

namespace {

config::AlertsConfig thresholds() {
  return config::default_config().alerts;
}

core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

} // namespace

TEST(AlertRules, UnobservedPartsAreUnknown) {
  const Health nothing;
  for (const auto& outcome : evaluate_rules(nothing, thresholds(), at(0))) {
    EXPECT_EQ(outcome.state, RuleState::unknown) << outcome.key;
  }
  EXPECT_EQ(evaluate_rules(nothing, thresholds(), at(0)).size(), 6U); // no market observed
}

TEST(AlertRules, ErrorRateAlertsAtTheThresholdWithEnoughRequests) {
  Health health;
  health.requests = RequestCounts{20, 5}; // 25%, the default threshold
  const auto active = error_rate_rule(health, thresholds());
  EXPECT_EQ(active.state, RuleState::active);
  EXPECT_EQ(active.severity, Severity::warning);
  EXPECT_EQ(active.message, "5 of 20 requests failed in the last 900 s (25.0%, alert at 25.0%)");
  health.requests = RequestCounts{20, 4};
  EXPECT_EQ(error_rate_rule(health, thresholds()).state, RuleState::clear);
  health.requests = RequestCounts{4, 4}; // all failed, but under error_min_requests
  EXPECT_EQ(error_rate_rule(health, thresholds()).state, RuleState::clear);
  health.requests = RequestCounts{0, 0};
  EXPECT_EQ(error_rate_rule(health, thresholds()).state, RuleState::clear);
}

TEST(AlertRules, ApiQuotaAlertsAtEightyPercentOfTheLimit) {
  Health health;
  health.api = ApiUse{160, 200};
  const auto active = api_quota_rule(health, thresholds());
  EXPECT_EQ(active.state, RuleState::active);
  EXPECT_EQ(active.message, "160 API calls in the last minute, 80% of the 200 per minute limit");
  health.api = ApiUse{159, 200};
  EXPECT_EQ(api_quota_rule(health, thresholds()).state, RuleState::clear);
  health.api = ApiUse{10, 0}; // no limit known
  EXPECT_EQ(api_quota_rule(health, thresholds()).state, RuleState::unknown);
}

TEST(AlertRules, DrawdownAlertsAtTheThresholdFromTheHighWaterMark) {
  Health health;
  health.equity = EquityMark{dec("95000"), dec("100000")};
  const auto active = drawdown_rule(health, thresholds());
  EXPECT_EQ(active.state, RuleState::active);
  EXPECT_EQ(active.message,
            "equity 95000 is 5.00% below its high-water mark 100000 (alert at 5.0%)");
  health.equity = EquityMark{dec("95000.01"), dec("100000")};
  EXPECT_EQ(drawdown_rule(health, thresholds()).state, RuleState::clear);
  health.equity = EquityMark{dec("120000"), dec("100000")};
  EXPECT_EQ(drawdown_rule(health, thresholds()).state, RuleState::clear);
  health.equity = EquityMark{dec("1"), dec("0")};
  EXPECT_EQ(drawdown_rule(health, thresholds()).state, RuleState::unknown);
}

TEST(AlertRules, DailyLossGivesOneEpisodePerObservedMarket) {
  Health health;
  health.daily_loss_limit_hit[core::AssetClass::crypto] = true;
  health.daily_loss_limit_hit[core::AssetClass::us_equity] = false;
  const auto outcomes = daily_loss_rules(health);
  ASSERT_EQ(outcomes.size(), 2U);
  EXPECT_EQ(outcomes[0].key, "daily_loss/US_EQUITY");
  EXPECT_EQ(outcomes[0].state, RuleState::clear);
  EXPECT_EQ(outcomes[1].key, "daily_loss/CRYPTO");
  EXPECT_EQ(outcomes[1].rule, "daily_loss");
  EXPECT_EQ(outcomes[1].state, RuleState::active);
  EXPECT_NE(outcomes[1].message.find("no new CRYPTO entries"), std::string::npos);
}

TEST(AlertRules, HaltIsCriticalAndCarriesTheReason) {
  const auto active = halt_rule(crew::alerts::test::halted(true, "crew stop"));
  EXPECT_EQ(active.state, RuleState::active);
  EXPECT_EQ(active.severity, Severity::critical);
  EXPECT_EQ(active.message, "trading is halted (crew stop)");
  EXPECT_EQ(halt_rule(crew::alerts::test::halted(true, "")).message,
            "trading is halted (no reason given)");
  EXPECT_EQ(halt_rule(crew::alerts::test::halted(false)).state, RuleState::clear);
}

TEST(AlertRules, ReconciliationMismatchNamesTheFirstProblem) {
  Health health;
  health.reconciliation_mismatches =
      std::vector<std::string>{"position AAPL: broker 10, store 0", "order x unknown"};
  const auto active = reconciliation_rule(health);
  EXPECT_EQ(active.state, RuleState::active);
  EXPECT_EQ(active.severity, Severity::critical);
  EXPECT_EQ(active.message,
            "reconciliation found 2 mismatches: position AAPL: broker 10, store 0 (and 1 more)");
  health.reconciliation_mismatches = std::vector<std::string>{};
  EXPECT_EQ(reconciliation_rule(health).state, RuleState::clear);
}

TEST(AlertRules, StallAlertsWhenTheLoopIsSilentForStallSeconds) {
  Health health;
  health.last_loop_time = at(0);
  EXPECT_EQ(stall_rule(health, thresholds(), at(299)).state, RuleState::clear);
  const auto active = stall_rule(health, thresholds(), at(300));
  EXPECT_EQ(active.state, RuleState::active);
  EXPECT_EQ(active.severity, Severity::critical);
  EXPECT_EQ(active.message, "the loop has not ticked for 300 s (last tick 2026-11-18T11:06:40Z, "
                            "alert after 300 s)");
}

TEST(AlertRules, EvaluateRulesJudgesEveryObservedPart) {
  Health health = crew::alerts::test::halted(false);
  health.requests = RequestCounts{100, 0};
  health.api = ApiUse{10, 200};
  health.equity = EquityMark{dec("100"), dec("100")};
  health.daily_loss_limit_hit[core::AssetClass::crypto] = false;
  health.reconciliation_mismatches = std::vector<std::string>{};
  health.last_loop_time = at(0);
  const auto outcomes = evaluate_rules(health, thresholds(), at(60));
  ASSERT_EQ(outcomes.size(), 7U);
  for (const auto& outcome : outcomes) {
    EXPECT_EQ(outcome.state, RuleState::clear) << outcome.key;
  }
}
