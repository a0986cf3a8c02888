#include "risk/risk_fixtures.hpp"
#include "risk/risk_rules.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::risk;
using namespace crew::risk::sample;

namespace {

// Three same-day US round trips within the last 5 sessions (Dec 28, 29, Jan 2, 3; Jan 1 closed).
std::vector<ClosedTrade> three_day_trades() {
  return {closed("AAPL", "2023-12-28T15:00:00Z", "2023-12-28T20:00:00Z", "10"),
          closed("MSFT", "2024-01-02T15:00:00Z", "2024-01-02T20:00:00Z", "-5"),
          closed("AAPL", "2024-01-03T14:35:00Z", "2024-01-03T14:50:00Z", "3")};
}

std::optional<Refusal> run(const RiskState& s, const core::OrderRequest& r) {
  return check_pattern_day_trader(make_context(s, r, now(), limits()));
}

} // namespace

TEST(PdtGuard, CountsSameDayUsRoundTripsInFiveSessions) {
  auto trades = three_day_trades();
  EXPECT_EQ(count_day_trades(trades, now()), 3);
  // Overnight holds, crypto and trades older than 5 sessions do not count.
  trades.push_back(closed("AAPL", "2024-01-02T15:00:00Z", "2024-01-03T15:00:00Z", "1"));
  trades.push_back(closed("BTC/USD", "2024-01-03T01:00:00Z", "2024-01-03T02:00:00Z", "1"));
  trades.push_back(closed("AAPL", "2023-12-26T15:00:00Z", "2023-12-26T16:00:00Z", "1"));
  EXPECT_EQ(count_day_trades(trades, now()), 3);
  // 2023-12-27 is the 5th session back (27, 28, 29, 2, 3).
  trades.push_back(closed("AAPL", "2023-12-27T15:00:00Z", "2023-12-27T16:00:00Z", "1"));
  EXPECT_EQ(count_day_trades(trades, now()), 4);
}

TEST(PdtGuard, SmallAccountWithThreeDayTradesCannotEnterEquities) {
  RiskState s = state();
  s.account.equity = dec("24999.99");
  s.trades = three_day_trades();
  auto refusal = run(s, buy("AAPL", "1"));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "pattern_day_trader");
  EXPECT_FALSE(run(s, buy("BTC/USD", "0.01"))); // crypto is outside the rule
  s.trades.pop_back();
  EXPECT_FALSE(run(s, buy("AAPL", "1")));
}

TEST(PdtGuard, AccountsOfTwentyFiveThousandAreExempt) {
  RiskState s = state();
  s.account.equity = dec("25000");
  s.trades = three_day_trades();
  EXPECT_FALSE(run(s, buy("AAPL", "1")));
}

TEST(PdtGuard, BrokersDayTradeCountAndFlagAreHonoured) {
  RiskState s = state();
  s.account.equity = dec("20000");
  s.account.daytrade_count = 3;
  EXPECT_TRUE(run(s, buy("AAPL", "1")));
  s.account.daytrade_count = 0;
  s.account.pattern_day_trader = true;
  EXPECT_TRUE(run(s, buy("AAPL", "1")));
}
