#include "strategy/bollinger_reversal.hpp"
#include "strategy_test_support.hpp"

#include <gtest/gtest.h>

namespace crew::strategy {
namespace {

using test::Indices;

const BollingerReversalParams k_small{3, 1.0, 2};

TEST(BollingerReversal, EntersWhenCloseReturnsAboveTheLowerBandAndExitsAtTheMiddle) {
  BollingerReversal strategy(k_small, test::test_profile());
  // Bollinger(3, 1): idx 3 window 10 10 7: mean 9, sigma sqrt(2), lower 7.586 > close 7.
  // idx 4 window 10 7 8: mean 25/3, sigma 1.247, lower 7.086 <= close 8 < middle -> entry.
  // idx 5 window 7 8 9: middle 8 <= close 9 -> exit.
  const auto signals = test::run(strategy, test::bars_from_closes({10, 10, 10, 7, 8, 9}));
  EXPECT_EQ(signals.entries, (Indices{4}));
  EXPECT_EQ(signals.exits, (Indices{5}));
}

TEST(BollingerReversal, ExitWinsWhenTheCloseJumpsPastTheMiddle) {
  BollingerReversal strategy(k_small, test::test_profile());
  // idx 4 close 9: back above lower 7.42 but also above middle 26/3 -> exit only.
  const auto signals = test::run(strategy, test::bars_from_closes({10, 10, 10, 7, 9}));
  EXPECT_TRUE(signals.entries.empty());
  EXPECT_EQ(signals.exits, (Indices{4}));
}

TEST(BollingerReversal, FlatClosesAreAtTheMiddleAndExit) {
  BollingerReversal strategy(k_small, test::test_profile());
  const auto signals = test::run(strategy, test::bars_from_closes({5, 5, 5, 5}));
  EXPECT_TRUE(signals.entries.empty());
  EXPECT_EQ(signals.exits, (Indices{3})); // first bar allowed: 4 = period + 1
}

} // namespace
} // namespace crew::strategy
