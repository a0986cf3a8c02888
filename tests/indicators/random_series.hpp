#pragma once
// Random OHLC series for the indicator and strategy tests: a seeded geometric random walk with
// realistic bars (low ≤ open, close ≤ high), plus a second correlated close column.
#include "core/time.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace crew::indicators::test {

struct RandomSeries {
  std::vector<core::UtcTime> time;
  std::vector<double> open, high, low, close, volume, other_close;
};

inline RandomSeries random_series(std::uint64_t seed, std::size_t length) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> step(0.0, 0.01);
  std::uniform_real_distribution<double> wick(0.0, 0.005);
  std::uniform_real_distribution<double> volume(10.0, 1000.0);
  RandomSeries s;
  double price = 100.0 + static_cast<double>(seed % 50);
  double other = 50.0;
  for (std::size_t i = 0; i < length; ++i) {
    const double open = price;
    const double r = step(rng);
    price *= std::exp(r);
    other *= std::exp(0.5 * r + step(rng));
    s.time.push_back(
        core::UtcTime::from_seconds(1'700'000'000 + static_cast<std::int64_t>(i) * 3600));
    s.open.push_back(open);
    s.close.push_back(price);
    s.high.push_back(std::max(open, price) * (1.0 + wick(rng)));
    s.low.push_back(std::min(open, price) * (1.0 - wick(rng)));
    s.volume.push_back(volume(rng));
    s.other_close.push_back(other);
  }
  return s;
}

} // namespace crew::indicators::test
