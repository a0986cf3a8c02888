#include "strategy/triple_ma.hpp"
#include "strategy_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::strategy {
namespace {

using test::Indices;

const TripleMaParams k_small{2, 3, 4, 2}; // SMA2/SMA3/SMA4, volume SMA2
const std::vector<double> k_closes{10, 10, 10, 10, 11, 12, 9, 8};

TEST(TripleMa, EntersWhenTheAveragesNewlyAlignAndExitsWhenFastDropsBelowMid) {
  TripleMa strategy(k_small, test::test_profile());
  // idx 3: all SMAs 10, not aligned. idx 4 (close 11): SMA2 10.5 > SMA3 31/3 > SMA4 10.25 ->
  // entry. idx 5 (12): still aligned, no new entry. idx 6 (9): SMA2 10.5 < SMA3 32/3 -> exit;
  // idx 7 (8): SMA2 8.5 < SMA3 29/3 -> exit again (exit is a state, not a crossing).
  const auto signals = test::run(strategy, test::bars_from_closes(k_closes));
  EXPECT_EQ(signals.entries, (Indices{4}));
  EXPECT_EQ(signals.exits, (Indices{6, 7}));
}

TEST(TripleMa, NeedsVolumeAtLeastWeightTimesItsAverage) {
  // idx 4 volume 50 against SMA2(volume) (100+50)/2 = 75: refused at weight 1, and at idx 5 the
  // averages were already aligned, so no entry at all.
  const std::vector<double> volumes{100, 100, 100, 100, 50, 100, 100, 100};
  TripleMa strict(k_small, test::test_profile(0, 1.0));
  EXPECT_TRUE(test::run(strict, test::bars_from_closes(k_closes, volumes)).entries.empty());
  // At weight 0.5 the bar needs 37.5.
  TripleMa lenient(k_small, test::test_profile(0, 0.5));
  EXPECT_EQ(test::run(lenient, test::bars_from_closes(k_closes, volumes)).entries, (Indices{4}));
}

TEST(TripleMa, GivesNoSignalBeforeMinBarsRequired) {
  TripleMa strategy(k_small, test::test_profile(8));
  EXPECT_EQ(strategy.warmup_bars(), 8u);
  // The entry at idx 4 and the exit at idx 6 come before the 8th bar; idx 7 (the 8th) exits.
  const auto signals = test::run(strategy, test::bars_from_closes(k_closes));
  EXPECT_TRUE(signals.entries.empty());
  EXPECT_EQ(signals.exits, (Indices{7}));
}

TEST(TripleMa, WarmupIsTheLongestOfProfileAndIndicators) {
  TripleMa defaults(TripleMaParams{}, test::test_profile(0));
  EXPECT_EQ(defaults.warmup_bars(), 50u); // SMA50
  config::AssetProfile crypto;
  crypto.min_bars_required = 100;
  EXPECT_EQ(TripleMa(TripleMaParams{}, crypto).warmup_bars(), 100u);
}

TEST(TripleMa, ExposesAtrOfTheProfilePeriodsAndItsReason) {
  TripleMa strategy(k_small, test::test_profile());
  const auto bars = test::bars_from_closes(k_closes);
  for (std::size_t i = 0; i < 4; ++i) {
    strategy.on_bar(bars[i]);
  }
  // ATR(2): TRs are 1.0 on flat bars -> 1.0
  EXPECT_EQ(strategy.atr(), 1.0);
  const auto signals = strategy.on_bar(bars[4]);
  ASSERT_TRUE(signals.entry);
  EXPECT_EQ(signals.reason, "sma2 10.5 > sma3 10.333333333333334 > sma4 10.25 (newly aligned); "
                            "volume 100 >= 1*sma2(volume) 100; atr2 1.25");
  EXPECT_EQ(strategy.bars_seen(), 5u);
}

TEST(TripleMa, ResetReplaysTheSameSignals) {
  TripleMa strategy(k_small, test::test_profile());
  const auto bars = test::bars_from_closes(k_closes);
  const auto first = test::run(strategy, bars);
  strategy.reset();
  EXPECT_EQ(strategy.bars_seen(), 0u);
  EXPECT_TRUE(std::isnan(strategy.atr()));
  const auto second = test::run(strategy, bars);
  EXPECT_EQ(first.entries, second.entries);
  EXPECT_EQ(first.exits, second.exits);
}

} // namespace
} // namespace crew::strategy
