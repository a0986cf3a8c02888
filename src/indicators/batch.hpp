#pragma once
// Batch helpers: each runs the streaming indicator over a whole column and returns one output per
// input (NaN where undefined). They are the streaming objects in a loop, so batch and streaming
// agree bit for bit by construction; callers with a BarSeries pass its columns.
#include "core/time.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace crew::indicators {

std::vector<double> sma(std::span<const double> x, std::size_t period);
std::vector<double> ema(std::span<const double> x, std::size_t period);
std::vector<double> rsi(std::span<const double> x, std::size_t period);

struct MacdSeries {
  std::vector<double> macd;
  std::vector<double> signal;
  std::vector<double> hist;
};
MacdSeries macd(std::span<const double> x, std::size_t fast = 12, std::size_t slow = 26,
                std::size_t signal = 9);

struct BollingerSeries {
  std::vector<double> middle;
  std::vector<double> upper;
  std::vector<double> lower;
};
BollingerSeries bollinger(std::span<const double> x, std::size_t period = 20, double num_std = 2.0);

// high, low and close must have the same length.
std::vector<double> atr(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, std::size_t period);
std::vector<double> volatility(std::span<const double> x, std::size_t period);

// Rolling correlation of log returns over the timestamps present in both series (each series in
// strictly increasing time order). Returns the common timestamps and the correlation at each.
struct CorrelationSeries {
  std::vector<core::UtcTime> time;
  std::vector<double> value;
};
CorrelationSeries correlation(std::span<const core::UtcTime> time_a, std::span<const double> a,
                              std::span<const core::UtcTime> time_b, std::span<const double> b,
                              std::size_t period);
// Pearson correlation of all log returns over the common timestamps; NaN with fewer than three
// common timestamps or a flat series.
double correlation_all(std::span<const core::UtcTime> time_a, std::span<const double> a,
                       std::span<const core::UtcTime> time_b, std::span<const double> b);

} // namespace crew::indicators
