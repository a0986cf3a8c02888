#include "risk/risk_fixtures.hpp"
#include "risk/risk_manager.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::risk;
using namespace crew::risk::sample;

TEST(RiskManager, HealthyEntryIsAllowed) {
  const RiskManager risk{RiskLimits{}};
  const RiskVerdict verdict = risk.check_order(state(), buy("AAPL", "100"), now());
  EXPECT_TRUE(verdict.allowed()) << verdict.refusal->rule << ": " << verdict.refusal->reason;
  EXPECT_FALSE(verdict.exit);
  EXPECT_TRUE(verdict.actions.empty());
}

TEST(RiskManager, LimitsComeFromTheConfiguration) {
  config::Config config = config::default_config();
  config.risk.max_open_positions = 5;
  config.strategy.max_position_fraction = 0.25;
  const RiskManager risk{config};
  EXPECT_EQ(risk.limits().max_open_positions, 5);
  EXPECT_DOUBLE_EQ(risk.limits().max_position_fraction, 0.25);
  EXPECT_EQ(risk.limits().crypto_min_notional, dec("10"));
}

TEST(RiskManager, ExitsPassEverythingButClosedMarketAndDuplicates) {
  RiskState s = state();
  s.positions.push_back(position("AAPL", "100", "19000", "-9000")); // daily loss hit too
  s.halted = true;
  s.account.equity = dec("10000"); // far below the high-water mark, PDT-sized
  s.account.buying_power = core::Decimal{};
  s.flagged_symbols["AAPL"] = "wash trading";
  for (int i = 0; i < 20; ++i) {
    s.entry_times.push_back(now());
  }
  const RiskManager risk{RiskLimits{}};
  const RiskVerdict exit = risk.check_order(s, sell("AAPL", "100"), now());
  EXPECT_TRUE(exit.allowed()) << exit.refusal->rule;
  EXPECT_TRUE(exit.exit);

  const auto saturday = *core::parse_rfc3339("2024-01-06T15:00:00Z");
  EXPECT_EQ(risk.check_order(s, sell("AAPL", "100"), saturday).refusal->rule, "market_closed");
  s.open_orders.push_back(open_order("AAPL", core::Side::sell));
  EXPECT_EQ(risk.check_order(s, sell("AAPL", "100"), now()).refusal->rule, "duplicate_order");
}

TEST(RiskManager, HaltRefusesEntriesBeforeOtherRules) {
  RiskState s = state();
  s.halted = true;
  s.halt_reason = "drawdown";
  const RiskManager risk{RiskLimits{}};
  EXPECT_EQ(risk.check_order(s, buy("AAPL", "1"), now()).refusal->rule, "halted");
}

TEST(RiskManager, DrawdownRefusalCarriesTheHaltAction) {
  RiskState s = state();
  s.account.equity = dec("89000");
  const RiskManager risk{RiskLimits{}};
  const RiskVerdict verdict = risk.check_order(s, buy("AAPL", "1"), now());
  ASSERT_FALSE(verdict.allowed());
  EXPECT_EQ(verdict.refusal->rule, "drawdown");
  ASSERT_EQ(verdict.actions.size(), 1U);
  EXPECT_EQ(verdict.actions[0].kind, RiskAction::Kind::halt_and_close_all);
}

TEST(RiskManager, DailyLossBlocksOnlyThatMarket) {
  RiskState s = state();
  s.trades.push_back(closed("MSFT", "2024-01-03T14:31:00Z", "2024-01-03T14:40:00Z", "-5000"));
  const RiskManager risk{RiskLimits{}};
  const RiskVerdict us = risk.check_order(s, buy("AAPL", "1"), now());
  EXPECT_EQ(us.refusal->rule, "daily_loss");
  ASSERT_EQ(us.actions.size(), 1U);
  EXPECT_EQ(us.actions[0].kind, RiskAction::Kind::close_market_positions);
  EXPECT_TRUE(risk.daily_loss_hit(s, core::AssetClass::us_equity, now()));
  EXPECT_TRUE(risk.check_order(s, buy("BTC/USD", "0.01"), now()).allowed());
}

TEST(RiskManager, RunsMoneyChecksLast) {
  RiskState s = state();
  const RiskManager risk{RiskLimits{}};
  EXPECT_EQ(risk.check_order(s, buy("AAPL", "200"), now()).refusal->rule, "position_size");
  EXPECT_EQ(risk.check_order(s, buy("BTC/USD", "0.0001"), now()).refusal->rule, "min_order_size");
  EXPECT_EQ(risk.check_order(s, sell("MSFT", "1"), now()).refusal->rule, "no_short");
}

TEST(RiskManager, AccountCheckHaltsOnDrawdownOnce) {
  RiskState s = state();
  s.high_water_mark = dec("120000");
  s.account.equity = dec("100000");
  const RiskManager risk{RiskLimits{}};
  auto actions = risk.check_account(s, now());
  ASSERT_EQ(actions.size(), 1U);
  EXPECT_EQ(actions[0].kind, RiskAction::Kind::halt_and_close_all);
  s.halted = true;
  EXPECT_TRUE(risk.check_account(s, now()).empty());
}

TEST(RiskManager, AccountCheckReportsEachMarketOverItsLimit) {
  RiskState s = state();
  s.positions.push_back(position("AAPL", "100", "10000", "-5500"));
  s.positions.push_back(position("BTC/USD", "1", "40000", "-2000"));
  const RiskManager risk{RiskLimits{}};
  auto actions = risk.check_account(s, now());
  ASSERT_EQ(actions.size(), 1U);
  EXPECT_EQ(actions[0].market, core::AssetClass::us_equity);
  s.positions.back().unrealized_pl = dec("-7000");
  EXPECT_EQ(risk.check_account(s, now()).size(), 2U);
}
