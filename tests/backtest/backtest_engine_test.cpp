#include "backtest/backtest_engine.hpp"
#include "backtest/bar_builder.hpp"
#include "backtest/scripted_strategy.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

using test::make_bars;
using test::ScriptedStrategy;

// No costs, risk 1% with a stop of 2·ATR and no position cap: numbers easy to follow by hand.
BacktestSettings plain_settings() {
  BacktestSettings settings;
  settings.asset_class = core::AssetClass::crypto;
  settings.timeframe = core::Timeframe::hour1;
  settings.initial_equity = 100'000.0;
  settings.sizer = risk::PositionSizer{0.01, 1.0, 1.0};
  settings.stop_atr_mult = 2.0;
  settings.volatility_multiplier = 1.0;
  return settings;
}

BacktestResult run(const data::BarSeries& bars, ScriptedStrategy& strategy,
                   const BacktestSettings& settings) {
  return run_backtest(strategy, prepare_bars(bars, settings), settings);
}

const data::BarSeries k_rising = make_bars({
    {100, 101, 99, 100},
    {100, 102, 99, 101},    // entry signal at this close
    {102, 103, 101, 102},   // entry fills at this open
    {103, 104, 101.5, 103}, // exit signal at this close
    {104, 105, 103, 104},   // exit fills at this open
});

TEST(BacktestEngine, FillsSignalsAtTheNextOpen) {
  ScriptedStrategy strategy({1}, {3}, 1.0);
  const auto result = run(k_rising, strategy, plain_settings());
  ASSERT_EQ(result.trades.size(), 1U);
  const Trade& trade = result.trades[0];
  EXPECT_EQ(trade.entry_index, 2U);
  EXPECT_EQ(trade.exit_index, 4U);
  EXPECT_EQ(trade.entry_time, k_rising.time()[2]);
  EXPECT_EQ(trade.exit_time, k_rising.time()[4]);
  EXPECT_DOUBLE_EQ(trade.qty, 500.0); // 100,000 · 0.01 / (2 · 1)
  EXPECT_DOUBLE_EQ(trade.entry_price, 102.0);
  EXPECT_DOUBLE_EQ(trade.stop_price, 100.0);
  EXPECT_DOUBLE_EQ(trade.exit_price, 104.0);
  EXPECT_DOUBLE_EQ(trade.pnl, 1000.0);
  EXPECT_EQ(trade.exit_reason, ExitReason::signal);
  EXPECT_EQ(trade.entry_signal, "scripted entry");
}

TEST(BacktestEngine, MarksEquityAtEveryClose) {
  ScriptedStrategy strategy({1}, {3}, 1.0);
  const auto result = run(k_rising, strategy, plain_settings());
  const std::vector<double> expected = {100'000, 100'000, 100'000, 100'500, 101'000};
  EXPECT_EQ(result.equity, expected);
  EXPECT_EQ(result.exposed_bars, 2U); // bars 2 and 3; bar 4's exit filled at its open
  EXPECT_DOUBLE_EQ(result.final_equity, 101'000.0);
}

TEST(BacktestEngine, MovesFillsAgainstTheTraderBySlippage) {
  auto settings = plain_settings();
  settings.fill.bps = 10.0;
  ScriptedStrategy strategy({1}, {3}, 1.0);
  const auto result = run(k_rising, strategy, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_DOUBLE_EQ(result.trades[0].entry_price, 102.0 * 1.001);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 104.0 * 0.999);
  EXPECT_DOUBLE_EQ(result.trades[0].stop_price, 102.0 * 1.001 - 2.0);
}

TEST(BacktestEngine, ChargesFeesOnBothSidesOfTheNotional) {
  auto settings = plain_settings();
  settings.fee.rate = 0.0025;
  ScriptedStrategy strategy({1}, {3}, 1.0);
  const auto result = run(k_rising, strategy, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  const double fees = 0.0025 * 500 * 102 + 0.0025 * 500 * 104;
  EXPECT_DOUBLE_EQ(result.trades[0].fees, fees);
  EXPECT_DOUBLE_EQ(result.trades[0].pnl, 1000.0 - fees);
  EXPECT_DOUBLE_EQ(result.final_equity, 101'000.0 - fees);
  // The entry fee leaves the cash at the fill, so the entry bar is already marked below.
  EXPECT_DOUBLE_EQ(result.equity[2], 100'000.0 - 0.0025 * 500 * 102);
}

TEST(BacktestEngine, TakesACryptoBuysFeeInTheCoinAsAlpacaDoes) {
  // 500 bought at 102 with 0.25% taken in the coin: 498.75 held and sold at 104. The trade shows
  // the buy's fill price; its fees count the coin fee once, and its pnl is the cash the trip made.
  auto settings = plain_settings();
  settings.fee = execution::fee_rule(core::AssetClass::crypto, 0.0025);
  ScriptedStrategy strategy({1}, {3}, 1.0);
  const auto result = run(k_rising, strategy, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  const Trade& trade = result.trades[0];
  EXPECT_DOUBLE_EQ(trade.qty, 498.75);
  EXPECT_EQ(trade.entry_price, 102.0);
  const double cash_after = 100'000.0 - 500 * 102.0 + 498.75 * 104.0 * (1 - 0.0025);
  EXPECT_DOUBLE_EQ(trade.fees, 1.25 * 102.0 + 498.75 * 104.0 * 0.0025);
  EXPECT_NEAR(trade.pnl, cash_after - 100'000.0, 1e-9);
  EXPECT_NEAR(result.final_equity, cash_after, 1e-9);
  // Marked at the entry bar's close: the cash paid the notional, the coins held are fewer.
  EXPECT_DOUBLE_EQ(result.equity[2], 100'000.0 - 500 * 102.0 + 498.75 * 102.0);
}

TEST(BacktestEngine, ACryptoStopIsAStopLimitThatWaitsPastAGapBelowItsLimit) {
  // Crypto stops rest as stop-limits (Alpaca takes no crypto stop orders); a gap below the limit
  // leaves the position held until a bar trades back up to the limit.
  const auto bars = make_bars({
      {100, 101, 99, 100},
      {100, 102, 99, 101},
      {102, 103, 101, 102}, // entry at 102, stop 100, limit 98 (2% offset)
      {95, 96, 94, 95},     // gaps through stop and limit: no fill
      {96, 99, 95, 98.5},   // trades back to 98: sells at the limit
      {98, 99, 97, 98},
  });
  ScriptedStrategy strategy({1}, {}, 1.0);
  const auto result = run(bars, strategy, plain_settings());
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::stop);
  EXPECT_EQ(result.trades[0].exit_index, 4U);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 98.0);
}

TEST(BacktestEngine, WarmsTheStrategyUpOnBarsBeforeTheRangeWithoutTradingThem) {
  // As the loop feeds its strategies history from before a session (docs/parity.md row 6): the
  // strategy sees the last `warmup_bars` bars before `start`; their signals are not acted on.
  const auto bars = make_bars({
      {100, 101, 99, 100}, // not seen: beyond the warm-up
      {100, 102, 99, 101}, // warm-up; its entry signal is ignored
      {101, 102, 100, 101},
      {102, 103, 101, 102}, // start: entry signal here
      {103, 104, 102, 103}, // fills at this open
      {104, 105, 103, 104},
  });
  auto settings = plain_settings();
  settings.warmup_bars = 2;
  settings.start = bars.time()[3];
  ScriptedStrategy strategy({0, 2}, {}, 1.0);
  const auto input = prepare_bars(bars, settings);
  ASSERT_EQ(input.warmup.size(), 2U);
  ASSERT_EQ(input.bars.size(), 3U);
  const auto result = run_backtest(strategy, input, settings);
  ASSERT_EQ(strategy.seen().size(), 5U);
  EXPECT_EQ(strategy.seen().front().time, bars.time()[1]);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].entry_time, bars.time()[4]);
  EXPECT_EQ(result.equity.size(), 3U); // marks only for the range
}

TEST(BacktestEngine, ExitsAtTheStopWhenABarTradesThroughIt) {
  const auto bars = make_bars({
      {100, 101, 99, 100},
      {100, 102, 99, 101},
      {102, 103, 101, 102},
      {101, 101.5, 99.5, 100.5}, // low 99.5 ≤ stop 100, opened above it
      {100, 101, 99, 100},
  });
  auto settings = plain_settings();
  settings.fill.bps = 10.0;
  ScriptedStrategy strategy({1}, {}, 1.0);
  const auto result = run(bars, strategy, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  const double entry = 102.0 * 1.001;
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::stop);
  EXPECT_EQ(result.trades[0].exit_index, 3U);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, (entry - 2.0) * 0.999);
}

TEST(BacktestEngine, FillsAGapThroughTheStopAtTheOpen) {
  const auto bars = make_bars({
      {100, 101, 99, 100},
      {100, 102, 99, 101},
      {102, 103, 101, 102},
      {97, 98, 96, 97.5}, // opens below the stop at 100
      {98, 99, 97, 98},
  });
  ScriptedStrategy strategy({1}, {}, 1.0);
  auto settings = plain_settings();
  settings.stop_limit_offset = 0.5; // the stop-limit's limit far below: it sells at the open
  const auto result = run(bars, strategy, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::stop);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 97.0);
  EXPECT_DOUBLE_EQ(result.trades[0].pnl, 500.0 * (97.0 - 102.0));
}

TEST(BacktestEngine, ChecksTheStopOnTheEntryBar) {
  const auto bars = make_bars({
      {100, 101, 99, 100},
      {100, 102, 99, 101},
      {102, 103, 99, 102.5}, // entry at 102, stop 100, low 99 in the same bar
      {102, 103, 101, 102},
  });
  ScriptedStrategy strategy({1}, {}, 1.0);
  const auto result = run(bars, strategy, plain_settings());
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].entry_index, 2U);
  EXPECT_EQ(result.trades[0].exit_index, 2U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::stop);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 100.0);
  EXPECT_EQ(result.exposed_bars, 1U);
}

TEST(BacktestEngine, StopComesBeforeAnExitSignalOfTheSameBar) {
  const auto bars = make_bars({
      {100, 101, 99, 100},
      {100, 102, 99, 101},
      {102, 103, 101, 102},
      {101, 101.5, 99.5, 100.5}, // stop hit, and the strategy also says exit at this close
      {104, 105, 103, 104},
  });
  ScriptedStrategy strategy({1}, {3}, 1.0);
  const auto result = run(bars, strategy, plain_settings());
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::stop);
  EXPECT_EQ(result.trades[0].exit_index, 3U);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 100.0);
}

TEST(BacktestEngine, ClosesAnOpenPositionAtTheLastCloseOfTheData) {
  auto settings = plain_settings();
  settings.fill.bps = 10.0;
  ScriptedStrategy strategy({1}, {}, 1.0);
  const auto result = run(k_rising, strategy, settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::end);
  EXPECT_EQ(result.trades[0].exit_index, 4U);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 104.0 * 0.999);
  EXPECT_DOUBLE_EQ(result.final_equity, result.equity.back());
}

TEST(BacktestEngine, IgnoresASignalOnTheLastBarForLackOfANextOpen) {
  ScriptedStrategy strategy({4}, {}, 1.0);
  const auto result = run(k_rising, strategy, plain_settings());
  EXPECT_TRUE(result.trades.empty());
  EXPECT_DOUBLE_EQ(result.final_equity, 100'000.0);
}

TEST(BacktestEngine, SkipsAnEntryThatCannotBeSized) {
  ScriptedStrategy undefined_atr({1}, {}, std::numeric_limits<double>::quiet_NaN());
  EXPECT_TRUE(run(k_rising, undefined_atr, plain_settings()).trades.empty());
  auto settings = plain_settings();
  settings.sizer.quantity_increment = 1'000.0; // 500 rounds down to nothing
  ScriptedStrategy strategy({1}, {}, 1.0);
  EXPECT_TRUE(run(k_rising, strategy, settings).trades.empty());
}

TEST(BacktestEngine, IgnoresEntriesWhileInAPositionAndExitsWhileFlat) {
  ScriptedStrategy strategy({1, 2, 3}, {0}, 1.0);
  const auto result = run(k_rising, strategy, plain_settings());
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].entry_index, 2U);
  EXPECT_EQ(result.trades[0].exit_reason, ExitReason::end);
}

TEST(BacktestEngine, UsesOnlyBarsBetweenStartAndEndInclusive) {
  auto settings = plain_settings();
  settings.start = k_rising.time()[1];
  settings.end = k_rising.time()[3];
  ScriptedStrategy strategy({0}, {}, 1.0);
  const auto result = run(k_rising, strategy, settings);
  ASSERT_EQ(strategy.seen().size(), 3U);
  EXPECT_EQ(strategy.seen().front().time, k_rising.time()[1]);
  EXPECT_EQ(result.equity.size(), 3U);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_EQ(result.trades[0].entry_time, k_rising.time()[2]);
  EXPECT_EQ(result.trades[0].exit_time, k_rising.time()[3]);
  EXPECT_DOUBLE_EQ(result.trades[0].exit_price, 103.0);
}

TEST(BacktestEngine, RunsOverTheStrategyInterfaceAsWell) {
  ScriptedStrategy strategy({1}, {3}, 1.0);
  strategy::Strategy& base = strategy;
  const auto settings = plain_settings();
  const auto result = run_backtest(base, prepare_bars(k_rising, settings), settings);
  ASSERT_EQ(result.trades.size(), 1U);
  EXPECT_DOUBLE_EQ(result.trades[0].pnl, 1000.0);
}

} // namespace
} // namespace crew::backtest
