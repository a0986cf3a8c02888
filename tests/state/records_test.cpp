#include "state/records.hpp"
#include "state/state_fixtures.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;

TEST(Records, EventKindsRoundTripTheirText) {
  for (EventKind kind : k_event_kinds) {
    EXPECT_EQ(*parse_event_kind(to_string(kind)), kind);
  }
  EXPECT_EQ(to_string(EventKind::market_switch), "market_switch");
  EXPECT_FALSE(parse_event_kind("panic").ok());
}

TEST(Records, UnsentOrderIsOpenUntilTheBrokerSaysFinal) {
  OrderRecord record = sample::intent("tc-1");
  EXPECT_TRUE(record.is_open());
  record.sent = true;
  record.order.status = core::OrderStatus::filled;
  EXPECT_FALSE(record.is_open());
  EXPECT_EQ(record.market(), core::AssetClass::us_equity);
}

TEST(Records, MarketPerformanceAveragesAndRates) {
  MarketPerformance p;
  EXPECT_EQ(p.win_rate(), 0.0);
  EXPECT_TRUE(p.average_pnl().is_zero());
  p.trades = 4;
  p.wins = 3;
  p.total_pnl = sample::dec("10");
  EXPECT_DOUBLE_EQ(p.win_rate(), 0.75);
  EXPECT_EQ(p.average_pnl(), sample::dec("2.5"));
}
