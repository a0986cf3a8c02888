#include "core/timeframe.hpp"

#include <gtest/gtest.h>

using namespace crew::core;

TEST(Timeframe, ParsesAlpacaAndFolderNames) {
  EXPECT_EQ(*parse_timeframe("1Hour"), Timeframe::hour1);
  EXPECT_EQ(*parse_timeframe("5m"), Timeframe::min5);
  EXPECT_EQ(*parse_timeframe("1Day"), Timeframe::day1);
  EXPECT_FALSE(parse_timeframe("2Hour").ok());
}

TEST(Timeframe, KnowsItsLength) {
  for (Timeframe tf : k_timeframes) {
    EXPECT_EQ(*parse_timeframe(to_string(tf)), tf);
  }
  EXPECT_EQ(minutes(Timeframe::min15), 15);
  EXPECT_EQ(duration(Timeframe::hour4), std::chrono::hours{4});
}
