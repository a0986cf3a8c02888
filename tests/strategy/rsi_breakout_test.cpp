#include "strategy/rsi_breakout.hpp"
#include "strategy_test_support.hpp"

#include <gtest/gtest.h>

namespace crew::strategy {
namespace {

using test::Indices;

const RsiBreakoutParams k_small{2, 60, 40, 2};

TEST(RsiBreakout, EntersAbove60AndExitsBelow40OnCrossings) {
  RsiBreakout strategy(k_small, test::test_profile());
  // RSI(2): idx 2 no movement -> 50. idx 3 (+1): avgGain (0+1)/2 = 0.5, avgLoss 0 -> 100,
  // crossed above 60 -> entry. idx 4 (-1): avgGain 0.25, avgLoss 0.5, RS 0.5 -> 33.3, crossed
  // below 40 -> exit. idx 5 (-1): avgGain 0.125, avgLoss 0.75 -> 14.3, no new crossing.
  const auto signals = test::run(strategy, test::bars_from_closes({10, 10, 10, 11, 10, 9}));
  EXPECT_EQ(signals.entries, (Indices{3}));
  EXPECT_EQ(signals.exits, (Indices{4}));
}

TEST(RsiBreakout, NeedsRsiDefinedBeforeTheBarToSeeACrossing) {
  // RSI(2) is first defined at idx 2 (100 after two gains): nothing to cross from, no entry.
  RsiBreakout strategy(k_small, test::test_profile());
  EXPECT_EQ(strategy.warmup_bars(), 4u); // RSI at t-1 and t: period + 2
  const auto signals = test::run(strategy, test::bars_from_closes({10, 11, 12, 13}));
  EXPECT_TRUE(signals.entries.empty());
}

TEST(RsiBreakout, EntryNeedsTheVolumeCondition) {
  RsiBreakout strategy(k_small, test::test_profile());
  const auto signals =
      test::run(strategy, test::bars_from_closes({10, 10, 10, 11, 10}, {100, 100, 100, 80, 100}));
  EXPECT_TRUE(signals.entries.empty()); // 80 < (100+80)/2
  EXPECT_EQ(signals.exits, (Indices{4}));
}

TEST(RsiBreakout, ReasonNamesTheRsiValue) {
  RsiBreakout strategy(k_small, test::test_profile());
  const auto bars = test::bars_from_closes({10, 10, 10, 11});
  Signals last;
  for (const auto& bar : bars) {
    last = strategy.on_bar(bar);
  }
  ASSERT_TRUE(last.entry);
  EXPECT_EQ(last.reason.rfind("rsi2 100 crossed above 60 (was 50)", 0), 0u) << last.reason;
}

} // namespace
} // namespace crew::strategy
