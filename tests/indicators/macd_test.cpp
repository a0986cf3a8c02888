#include "indicators/macd.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace crew::indicators {
namespace {

TEST(Macd, FollowsTheEmaDefinitionsOnAShortSeries) {
  // MACD(2, 3, 2) on 1 2 4 8 16. EMA2 (alpha 2/3): seed 3/2 at index 1, then 19/6, 115/18,
  // 691/54. EMA3 (alpha 1/2): seed 7/3 at index 2, then 31/6, 127/12.
  // macd = 5/6, 11/9, 239/108 from index 2; signal = EMA2 of macd seeded (5/6 + 11/9)/2 = 37/36
  // at index 3, then 2/3*239/108 + 1/3*37/36 = 589/324.
  Macd macd(2, 3, 2);
  EXPECT_TRUE(std::isnan(macd.update(1).macd));
  EXPECT_TRUE(std::isnan(macd.update(2).macd));
  const auto v2 = macd.update(4);
  EXPECT_NEAR(v2.macd, 5.0 / 6.0, 1e-14);
  EXPECT_TRUE(std::isnan(v2.signal));
  EXPECT_TRUE(std::isnan(v2.hist));
  const auto v3 = macd.update(8);
  EXPECT_NEAR(v3.macd, 11.0 / 9.0, 1e-14);
  EXPECT_NEAR(v3.signal, 37.0 / 36.0, 1e-14);
  EXPECT_NEAR(v3.hist, 11.0 / 9.0 - 37.0 / 36.0, 1e-14);
  const auto v4 = macd.update(16);
  EXPECT_NEAR(v4.macd, 239.0 / 108.0, 1e-14);
  EXPECT_NEAR(v4.signal, 589.0 / 324.0, 1e-14);
  EXPECT_EQ(v4.hist, v4.macd - v4.signal);
}

TEST(Macd, DefaultLinesAreDefinedFromIndices25And33) {
  Macd macd;
  EXPECT_EQ(macd.macd_warmup_length(), 26u);
  EXPECT_EQ(macd.warmup_length(), 34u);
  for (int i = 0; i < 40; ++i) {
    const auto v = macd.update(100.0 + i * 0.5 + (i % 4));
    EXPECT_EQ(std::isnan(v.macd), i < 25) << i;
    EXPECT_EQ(std::isnan(v.signal), i < 33) << i;
    EXPECT_EQ(macd.macd_ready(), i >= 25) << i;
  }
}

} // namespace
} // namespace crew::indicators
