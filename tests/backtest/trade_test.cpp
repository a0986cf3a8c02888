#include "backtest/trade.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

TEST(ExitReason, RoundTripsThroughItsTextForm) {
  for (const auto reason :
       {ExitReason::signal, ExitReason::stop, ExitReason::session_close, ExitReason::end}) {
    const auto parsed = parse_exit_reason(to_string(reason));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, reason);
  }
  EXPECT_EQ(to_string(ExitReason::session_close), "session_close");
}

TEST(ExitReason, RejectsUnknownText) {
  const auto parsed = parse_exit_reason("stopped");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().what.find("stopped"), std::string::npos);
}

TEST(Trade, ReturnsNetPnlOnTheEntryNotional) {
  Trade trade;
  trade.qty = 10;
  trade.entry_price = 50;
  trade.pnl = 25;
  EXPECT_DOUBLE_EQ(trade.return_fraction(), 0.05);
}

} // namespace
} // namespace crew::backtest
