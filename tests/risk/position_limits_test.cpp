#include "risk/risk_fixtures.hpp"
#include "risk/risk_rules.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::risk;
using namespace crew::risk::sample;

namespace {

std::optional<Refusal> run(std::optional<Refusal> (*rule)(const OrderContext&), const RiskState& s,
                           const core::OrderRequest& r) {
  return rule(make_context(s, r, now(), limits()));
}

} // namespace

TEST(PositionLimits, SellWithoutPositionWouldShort) {
  auto refusal = run(check_no_short, state(), sell("AAPL", "5"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "no_short");
  RiskState s = state();
  s.positions.push_back(position("AAPL", "5", "950"));
  EXPECT_FALSE(run(check_no_short, s, sell("AAPL", "5")));
  EXPECT_EQ(run(check_no_short, s, sell("AAPL", "6"))->rule, "no_short");
}

TEST(PositionLimits, SecondOpenOrderForSymbolIsRefused) {
  RiskState s = state();
  s.open_orders.push_back(open_order("AAPL"));
  auto refusal = run(check_duplicate_order, s, buy("AAPL", "1"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "duplicate_order");
  EXPECT_FALSE(run(check_duplicate_order, s, buy("MSFT", "1")));
  s.open_orders.front().status = core::OrderStatus::filled;
  EXPECT_FALSE(run(check_duplicate_order, s, buy("AAPL", "1")));
}

TEST(PositionLimits, FourthPositionIsRefusedCountingPendingEntries) {
  RiskState s = state();
  s.positions = {position("AAPL", "1", "190"), position("BTC/USD", "0.01", "420")};
  EXPECT_FALSE(run(check_max_open_positions, s, buy("MSFT", "1")));
  s.open_orders.push_back(open_order("ETH/USD"));
  auto refusal = run(check_max_open_positions, s, buy("MSFT", "1"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "max_open_positions");
  // Adding to a held position opens no new one.
  EXPECT_FALSE(run(check_max_open_positions, s, buy("AAPL", "1")));
}

TEST(PositionLimits, ThirteenthEntryOfUtcDayIsRefused) {
  RiskState s = state();
  for (int i = 0; i < 12; ++i) {
    s.entry_times.push_back(now() - std::chrono::hours{i});
  }
  // 15:00Z minus 0..11 h: all on 2024-01-03 (UTC).
  auto refusal = run(check_entries_per_day, s, buy("AAPL", "1"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "max_entries_per_day");
  s.entry_times.back() = now() - std::chrono::hours{16}; // previous UTC day
  EXPECT_FALSE(run(check_entries_per_day, s, buy("AAPL", "1")));
}

TEST(PositionLimits, PositionAboveAThirdOfEquityIsRefused) {
  RiskState s = state();
  EXPECT_FALSE(run(check_position_size, s, buy("AAPL", "175")));  // $33,250
  auto refusal = run(check_position_size, s, buy("AAPL", "176")); // $33,440
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "position_size");
  s.positions.push_back(position("AAPL", "100", "19000"));
  EXPECT_TRUE(run(check_position_size, s, buy("AAPL", "80"))); // 19,000 + 15,200
}
