#include "risk/risk_fixtures.hpp"
#include "risk/risk_rules.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::risk;
using namespace crew::risk::sample;

TEST(LossLimits, HaltRefusesWithItsReason) {
  RiskState s = state();
  EXPECT_FALSE(check_halted(make_context(s, buy("AAPL", "1"), now(), limits())));
  s.halted = true;
  s.halt_reason = "crew stop";
  auto refusal = check_halted(make_context(s, buy("AAPL", "1"), now(), limits()));
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->rule, "halted");
  EXPECT_NE(refusal->reason.find("crew stop"), std::string::npos);
}

TEST(LossLimits, DrawdownOfTenPercentHalts) {
  RiskState s = state();
  s.high_water_mark = dec("110000");
  s.account.equity = dec("99001"); // 9.999%
  EXPECT_FALSE(drawdown_breach(s, limits()));
  s.account.equity = dec("99000"); // exactly 10%
  auto action = drawdown_breach(s, limits());
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, RiskAction::Kind::halt_and_close_all);
  EXPECT_NE(action->message.find("10.00%"), std::string::npos) << action->message;
}

TEST(LossLimits, EquityAboveTheMarkIsNoDrawdown) {
  RiskState s = state();
  s.account.equity = dec("120000");
  EXPECT_FALSE(drawdown_breach(s, limits()));
}

TEST(LossLimits, UsDailyLossCountsTodaysTradesAndOpenPositions) {
  RiskState s = state();
  // -$3,000 realised today (New York date 2024-01-03), -$1,999 unrealised: under 5% of 100k.
  s.trades.push_back(closed("MSFT", "2024-01-03T14:31:00Z", "2024-01-03T14:50:00Z", "-3000"));
  s.trades.push_back(closed("MSFT", "2024-01-02T15:00:00Z", "2024-01-02T16:00:00Z", "-9000"));
  s.positions.push_back(position("AAPL", "100", "17000", "-1999"));
  EXPECT_EQ(daily_loss(s, core::AssetClass::us_equity, now()), dec("4999"));
  EXPECT_FALSE(daily_loss_breach(s, core::AssetClass::us_equity, now(), limits()));
  s.positions.back().unrealized_pl = dec("-2000");
  auto action = daily_loss_breach(s, core::AssetClass::us_equity, now(), limits());
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, RiskAction::Kind::close_market_positions);
  EXPECT_EQ(action->market, core::AssetClass::us_equity);
  // Crypto is untouched by the equity losses.
  EXPECT_FALSE(daily_loss_breach(s, core::AssetClass::crypto, now(), limits()));
}

TEST(LossLimits, CryptoDailyLimitIsSevenPercentOfUtcDayStart) {
  RiskState s = state();
  s.daily_start_equity[core::AssetClass::crypto] = dec("50000");
  // 2024-01-03T23:30Z is still the New York date 2024-01-03 but belongs to UTC day 01-03 too;
  // the trade closed at 00:30Z on 01-03 counts, the one at 23:59Z on 01-02 does not.
  s.trades.push_back(closed("BTC/USD", "2024-01-02T20:00:00Z", "2024-01-03T00:30:00Z", "-3400"));
  s.trades.push_back(closed("ETH/USD", "2024-01-02T20:00:00Z", "2024-01-02T23:59:00Z", "-5000"));
  EXPECT_FALSE(daily_loss_breach(s, core::AssetClass::crypto, now(), limits()));
  s.positions.push_back(position("ETH/USD", "1", "2100", "-100"));
  auto action = daily_loss_breach(s, core::AssetClass::crypto, now(), limits());
  ASSERT_TRUE(action); // 3,500 = 7% of 50,000
  EXPECT_EQ(action->market, core::AssetClass::crypto);
}

TEST(LossLimits, DailyLossOnlyAlertsWhenClosingIsOff) {
  RiskState s = state();
  s.positions.push_back(position("AAPL", "100", "10000", "-6000"));
  RiskLimits no_close;
  no_close.close_on_daily_loss = false;
  auto action = daily_loss_breach(s, core::AssetClass::us_equity, now(), no_close);
  ASSERT_TRUE(action);
  EXPECT_EQ(action->kind, RiskAction::Kind::alert);
}

TEST(LossLimits, MarketDayIsNewYorkDateForEquitiesAndUtcForCrypto) {
  const auto evening = *core::parse_rfc3339("2024-01-04T02:00:00Z"); // 21:00 New York, 01-03
  EXPECT_EQ(core::format_date(market_day(core::AssetClass::us_equity, evening)), "2024-01-03");
  EXPECT_EQ(core::format_date(market_day(core::AssetClass::crypto, evening)), "2024-01-04");
}
