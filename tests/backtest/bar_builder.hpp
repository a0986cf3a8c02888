#pragma once
// Hand-built bar sequences for backtest tests: OHLC rows at a fixed spacing from a start time.
#include "core/time.hpp"
#include "core/timeframe.hpp"
#include "data/bar_series.hpp"

#include <initializer_list>
#include <random>

namespace crew::backtest::test {

struct Ohlc {
  double open, high, low, close;
};

inline data::BarSeries make_bars(std::initializer_list<Ohlc> rows,
                                 core::UtcTime start = core::UtcTime::from_seconds(1'704'067'200),
                                 core::Timeframe timeframe = core::Timeframe::hour1,
                                 const core::Symbol& symbol = core::Symbol("BTC/USD",
                                                                           core::AssetClass::crypto,
                                                                           "BTC", "USD")) {
  data::BarSeries bars(symbol, timeframe);
  core::UtcTime t = start;
  for (const Ohlc& row : rows) {
    bars.push_back(core::Bar{t, row.open, row.high, row.low, row.close, 1000.0, 0, 0});
    t += core::duration(timeframe);
  }
  return bars;
}

// A seeded random walk of `n` hourly bars from 2024-01-01, for tests that need many bars.
inline data::BarSeries random_walk(std::size_t n, unsigned seed = 7) {
  data::BarSeries bars(core::Symbol("BTC/USD", core::AssetClass::crypto, "BTC", "USD"),
                       core::Timeframe::hour1);
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.01);
  std::uniform_real_distribution<double> wick(0.0, 0.005);
  std::uniform_real_distribution<double> volume(500.0, 1500.0);
  double price = 100.0;
  core::UtcTime t = core::UtcTime::from_seconds(1'704'067'200);
  for (std::size_t i = 0; i < n; ++i) {
    const double open = price;
    const double close = open * std::exp(step(rng));
    const double high = std::max(open, close) * (1.0 + wick(rng));
    const double low = std::min(open, close) * (1.0 - wick(rng));
    bars.push_back(core::Bar{t, open, high, low, close, volume(rng), 0, 0});
    price = close;
    t += core::duration(core::Timeframe::hour1);
  }
  return bars;
}

} // namespace crew::backtest::test
