#include "alert_fakes.hpp"
#include "alerts/health.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::alerts;
using crew::alerts::test::at;

namespace {

core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

} // namespace

TEST(Health, RiskFactsGiveEquityHaltAndDailyLossPerMarket) {
  risk::RiskState state;
  state.account.equity = dec("93000");
  state.high_water_mark = dec("100000");
  state.halted = true;
  state.halt_reason = "crew stop";
  state.daily_start_equity[core::AssetClass::crypto] = dec("100000");
  state.daily_start_equity[core::AssetClass::us_equity] = dec("100000");
  core::Position btc;
  btc.symbol = *core::classify_symbol("BTC/USD");
  btc.unrealized_pl = dec("-7500"); // 7.5% of the start: over the 7% crypto limit
  state.positions.push_back(btc);
  const auto limits = risk::RiskLimits::from_config(config::default_config().risk, 1.0 / 3.0);

  Health health;
  add_risk_facts(health, state, limits, at(0));
  ASSERT_TRUE(health.equity.has_value());
  EXPECT_EQ(health.equity->equity, dec("93000"));
  EXPECT_EQ(health.equity->high_water_mark, dec("100000"));
  ASSERT_TRUE(health.halt.has_value());
  EXPECT_TRUE(health.halt->halted);
  EXPECT_EQ(health.halt->reason, "crew stop");
  EXPECT_TRUE(health.daily_loss_limit_hit.at(core::AssetClass::crypto));
  EXPECT_FALSE(health.daily_loss_limit_hit.at(core::AssetClass::us_equity));
}

TEST(Health, RiskFactsWithoutAHighWaterMarkLeaveEquityUnknown) {
  risk::RiskState state;
  state.account.equity = dec("1000");
  Health health;
  add_risk_facts(health, state, risk::RiskLimits{}, at(0));
  EXPECT_FALSE(health.equity.has_value());
}

TEST(Health, StoreFactsGiveApiUseAndHaltButNotTheHeartbeat) {
  crew::test::TempDir dir;
  auto store = state::StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok()) << store.error().message();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(store->record_api_call({at(i * 20), "GET /v2/account", 200}).ok());
  }
  ASSERT_TRUE(store->record_heartbeat(at(60)).ok());
  ASSERT_TRUE(store->set_halted("drawdown", at(70)).ok());

  Health health;
  ASSERT_TRUE(add_store_facts(health, *store, 200, at(90)).ok());
  ASSERT_TRUE(health.api.has_value());
  EXPECT_EQ(health.api->calls_last_minute, 3); // at 40, 60, 80
  EXPECT_EQ(health.api->limit_per_minute, 200);
  EXPECT_FALSE(health.last_loop_time.has_value()) << "heartbeats are on the session's clock";
  ASSERT_TRUE(health.halt.has_value());
  EXPECT_TRUE(health.halt->halted);
  EXPECT_EQ(health.halt->reason, "drawdown");
}

TEST(Health, StoreFactsKeepAHaltFlagAlreadyObserved) {
  crew::test::TempDir dir;
  auto store = state::StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok()) << store.error().message();
  ASSERT_TRUE(store->set_halted("from the store", at(0)).ok());
  Health health = crew::alerts::test::halted(false);
  ASSERT_TRUE(add_store_facts(health, *store, 200, at(10)).ok());
  EXPECT_FALSE(health.halt->halted);
}
