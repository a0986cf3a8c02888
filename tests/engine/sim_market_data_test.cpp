#include "engine/sim_market_data.hpp"

#include <gtest/gtest.h>

namespace crew::engine {
namespace {

data::BarSeries hourly(const core::Symbol& symbol, core::UtcTime first, int n) {
  data::BarSeries bars(symbol, core::Timeframe::hour1);
  for (int i = 0; i < n; ++i) {
    core::Bar bar;
    bar.time = first + std::chrono::hours{i};
    bar.open = bar.high = bar.low = bar.close = 100.0 + i;
    bar.volume = 1;
    bars.push_back(bar);
  }
  return bars;
}

TEST(SimMarketData, ShowsOnlyBarsCompletedByNow) {
  const auto btc = core::classify_symbol("BTC/USD").value();
  const auto t0 = core::parse_rfc3339("2026-01-01T00:00:00Z").value();
  SimMarketData data({hourly(btc, t0, 10)});
  // At 03:30 the 00:00, 01:00 and 02:00 bars are complete; 03:00 is not.
  auto bars =
      data.completed_bars({btc}, core::Timeframe::hour1, 100, t0 + std::chrono::minutes{210});
  ASSERT_TRUE(bars);
  ASSERT_EQ(bars->at("BTC/USD").size(), 3u);
  auto exactly = data.completed_bars({btc}, core::Timeframe::hour1, 2, t0 + std::chrono::hours{3});
  ASSERT_EQ(exactly->at("BTC/USD").size(), 2u);
  EXPECT_EQ(exactly->at("BTC/USD").close()[1], 102.0);
  auto prices = data.latest_prices({btc}, t0 + std::chrono::minutes{210});
  EXPECT_EQ(prices->at("BTC/USD"), 102.0);
}

TEST(SimMarketData, LeavesOutSymbolsWithoutData) {
  const auto btc = core::classify_symbol("BTC/USD").value();
  const auto eth = core::classify_symbol("ETH/USD").value();
  const auto t0 = core::parse_rfc3339("2026-01-01T00:00:00Z").value();
  SimMarketData data({hourly(btc, t0, 3)});
  auto bars = data.completed_bars({btc, eth}, core::Timeframe::hour1, 10, t0);
  ASSERT_TRUE(bars);
  EXPECT_TRUE(bars->empty()); // nothing has completed at t0 either
}

} // namespace
} // namespace crew::engine
