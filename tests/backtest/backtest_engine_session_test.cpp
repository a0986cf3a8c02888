// US_EQUITY session rules of the backtest engine: bars outside the regular session are never
// used, and a position is closed at the close of each session's last bar. January 2024 is EST,
// so the session is 14:30–21:00 UTC and hourly bars from 14:00Z to 20:00Z overlap it.
#include "backtest/backtest_engine.hpp"
#include "backtest/scripted_strategy.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crew::backtest {
namespace {

using test::ScriptedStrategy;

core::UtcTime at(const std::string& text) {
  return core::parse_rfc3339(text).value();
}

// One bar per time, each opening at its close minus one, so fills are easy to tell apart.
data::BarSeries equity_bars(const std::vector<std::string>& times) {
  data::BarSeries bars(core::Symbol("AAPL", core::AssetClass::us_equity, "AAPL", ""),
                       core::Timeframe::hour1);
  double price = 100.0;
  for (const auto& t : times) {
    bars.push_back(core::Bar{at(t), price, price + 2, price - 0.5, price + 1, 1000, 0, 0});
    price += 1.0;
  }
  return bars;
}

BacktestSettings equity_settings() {
  BacktestSettings settings;
  settings.asset_class = core::AssetClass::us_equity;
  settings.timeframe = core::Timeframe::hour1;
  settings.sizer = risk::PositionSizer{0.01, 1.0, 1.0};
  return settings;
}

std::vector<std::string> two_days() {
  std::vector<std::string> times;
  for (int hour = 13; hour <= 21; ++hour) {
    times.push_back("2024-01-03T" + std::to_string(hour) + ":00:00Z");
  }
  for (int hour = 14; hour <= 16; ++hour) {
    times.push_back("2024-01-04T" + std::to_string(hour) + ":00:00Z");
  }
  return times;
}

TEST(BacktestEngineSession, DropsBarsOutsideTheRegularSession) {
  const auto prepared = prepare_bars(equity_bars(two_days()), equity_settings());
  ASSERT_EQ(prepared.bars.size(), 10U);
  EXPECT_EQ(prepared.bars.time().front(), at("2024-01-03T14:00:00Z"));
  EXPECT_EQ(prepared.bars.time()[6], at("2024-01-03T20:00:00Z"));
  EXPECT_EQ(prepared.bars.time()[7], at("2024-01-04T14:00:00Z"));
  const std::vector<std::uint8_t> last = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
  EXPECT_EQ(prepared.session_last, last);
}

TEST(BacktestEngineSession, ClosesPositionsAtTheLastCloseOfTheSession) {
  const auto settings = equity_settings();
  ScriptedStrategy strategy({1}, {}, 1.0);
  const auto prepared = prepare_bars(equity_bars(two_days()), settings);
  const auto result = run_backtest(strategy, prepared, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  const Trade& trade = result.trades[0];
  EXPECT_EQ(trade.entry_time, at("2024-01-03T16:00:00Z"));
  EXPECT_EQ(trade.exit_time, at("2024-01-03T20:00:00Z"));
  EXPECT_EQ(trade.exit_reason, ExitReason::session_close);
  EXPECT_DOUBLE_EQ(trade.exit_price, prepared.bars.close()[6]);
  // The pre- and post-market bars never reached the strategy.
  EXPECT_EQ(strategy.seen().size(), 10U);
}

TEST(BacktestEngineSession, AnEntrySignalAtTheSessionsLastCloseFillsAtTheNextOpen) {
  const auto settings = equity_settings();
  ScriptedStrategy strategy({6}, {}, 1.0);
  const auto prepared = prepare_bars(equity_bars(two_days()), settings);
  const auto result = run_backtest(strategy, prepared, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].entry_time, at("2024-01-04T14:00:00Z"));
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::end); // data ends mid-session
  EXPECT_EQ(result.trades[0].exit_time, at("2024-01-04T16:00:00Z"));
}

TEST(BacktestEngineSession, TreatsTheLastBarBeforeAGapIntoTheNextSessionAsItsLast) {
  const auto settings = equity_settings();
  const auto prepared = prepare_bars(
      equity_bars({"2024-01-03T14:00:00Z", "2024-01-03T15:00:00Z", "2024-01-03T16:00:00Z",
                   "2024-01-04T14:00:00Z", "2024-01-04T15:00:00Z"}),
      settings);
  const std::vector<std::uint8_t> last = {0, 0, 1, 0, 0};
  EXPECT_EQ(prepared.session_last, last);
  ScriptedStrategy strategy({0}, {}, 1.0);
  const auto result = run_backtest(strategy, prepared, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::session_close);
  EXPECT_EQ(result.trades[0].exit_time, at("2024-01-03T16:00:00Z"));
}

TEST(BacktestEngineSession, NamesTheSessionCloseWhenTheDataEndsAtIt) {
  const auto settings = equity_settings();
  auto times = two_days();
  times.resize(8); // through 20:00Z on the first day
  ScriptedStrategy strategy({1}, {}, 1.0);
  const auto result = run_backtest(strategy, prepare_bars(equity_bars(times), settings), settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::session_close);
}

TEST(BacktestEngineSession, SkipsHolidays) {
  // 2024-01-15 is Martin Luther King Jr. Day.
  const auto prepared = prepare_bars(
      equity_bars({"2024-01-12T20:00:00Z", "2024-01-15T15:00:00Z", "2024-01-16T15:00:00Z"}),
      equity_settings());
  ASSERT_EQ(prepared.bars.size(), 2U);
  EXPECT_EQ(prepared.bars.time()[1], at("2024-01-16T15:00:00Z"));
}

} // namespace
} // namespace crew::backtest
