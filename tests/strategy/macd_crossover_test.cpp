#include "strategy/macd_crossover.hpp"
#include "strategy_test_support.hpp"

#include <gtest/gtest.h>

namespace crew::strategy {
namespace {

using test::Indices;

TEST(MacdCrossover, EntersAndExitsOnSignalLineCrossings) {
  // MACD(2, 3, 2) on 10 9 8 6 3 4 7 11 10 8 6 (exact fractions):
  //   idx:    3      4       5        6       7       8       9
  //   macd: -2/3  -35/36  -115/216  0.218   0.937   0.5781  -0.0078
  //   sig:  -7/12 -91/108 -103/162 -0.066   0.603   0.5863   0.190
  // macd goes above signal at idx 5 (entry) and below at idx 8 (exit).
  MacdCrossover strategy(MacdCrossoverParams{2, 3, 2, 2}, test::test_profile());
  EXPECT_EQ(strategy.warmup_bars(), 5u); // signal defined at idx 3, crossing needs idx 4
  const auto signals =
      test::run(strategy, test::bars_from_closes({10, 9, 8, 6, 3, 4, 7, 11, 10, 8, 6}));
  EXPECT_EQ(signals.entries, (Indices{5}));
  EXPECT_EQ(signals.exits, (Indices{8}));
}

TEST(MacdCrossover, DefaultsAreTwelveTwentySixNine) {
  MacdCrossover strategy(MacdCrossoverParams{}, test::test_profile());
  const auto params = strategy.parameters();
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[0].value, 12);
  EXPECT_EQ(params[1].value, 26);
  EXPECT_EQ(params[2].value, 9);
  EXPECT_EQ(strategy.warmup_bars(), 35u);
}

} // namespace
} // namespace crew::strategy
