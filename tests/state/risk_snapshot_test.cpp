#include "state/risk_snapshot.hpp"
#include "state/state_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;
using sample::dec;

TEST(RiskSnapshot, LoadsTodaysEntriesTradesLimitsAndHalt) {
  crew::test::TempDir dir;
  auto store = StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok());
  const core::UtcTime now = at(3600); // 2024-01-03T15:30Z

  OrderRecord yesterday = sample::intent("tc-old");
  yesterday.order.created_at = at(-86400);
  ASSERT_TRUE(*store->insert_order(yesterday));
  ASSERT_TRUE(*store->insert_order(sample::intent("tc-open"))); // unsent entry today
  OrderRecord rejected = sample::intent("tc-rejected", "MSFT");
  rejected.sent = true;
  rejected.order.status = core::OrderStatus::rejected;
  ASSERT_TRUE(*store->insert_order(rejected));
  OrderRecord exit = sample::intent("tc-exit", "SPY", core::Side::sell);
  exit.sent = true;
  exit.order.status = core::OrderStatus::filled;
  exit.order.filled_qty = dec("10");
  ASSERT_TRUE(*store->insert_order(exit));

  ASSERT_TRUE(*store->insert_trade(sample::trade("a", "b", "-12.5")));
  TradeRecord ancient = sample::trade("c", "d", "99");
  ancient.exit_time = at(-30 * 86400);
  ASSERT_TRUE(*store->insert_trade(ancient));
  ASSERT_TRUE(
      store->ensure_daily_start_equity(core::AssetClass::us_equity, now.day(), dec("100000"), now)
          .ok());
  ASSERT_TRUE(store->update_high_water_mark(dec("105000"), now).ok());
  ASSERT_TRUE(store->set_halted("crew stop", now).ok());

  risk::RiskState state;
  ASSERT_TRUE(load_risk_inputs(*store, now, state).ok());
  EXPECT_EQ(state.entry_times.size(), 1U); // tc-open only
  ASSERT_EQ(state.trades.size(), 1U);
  EXPECT_EQ(state.trades[0].pnl, dec("-12.5"));
  EXPECT_EQ(state.daily_start_equity.at(core::AssetClass::us_equity), dec("100000"));
  EXPECT_FALSE(state.daily_start_equity.contains(core::AssetClass::crypto));
  EXPECT_EQ(state.high_water_mark, dec("105000"));
  EXPECT_TRUE(state.halted);
  EXPECT_EQ(state.halt_reason, "crew stop");
  ASSERT_EQ(state.open_orders.size(), 2U); // tc-old and tc-open are unsent
  EXPECT_EQ(state.open_orders[1].client_order_id, "tc-open");
}
