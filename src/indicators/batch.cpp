#include "indicators/batch.hpp"

#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/correlation.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"
#include "indicators/volatility.hpp"

#include <limits>
#include <stdexcept>
#include <utility>

namespace crew::indicators {
namespace {

template <typename Indicator>
std::vector<double> run(std::span<const double> x, Indicator indicator) {
  std::vector<double> out;
  out.reserve(x.size());
  for (const double v : x) {
    out.push_back(indicator.update(v));
  }
  return out;
}

// Indices (i, j) with time_a[i] == time_b[j], in time order.
std::vector<std::pair<std::size_t, std::size_t>>
common_indices(std::span<const core::UtcTime> time_a, std::span<const core::UtcTime> time_b) {
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < time_a.size() && j < time_b.size()) {
    if (time_a[i] < time_b[j]) {
      ++i;
    } else if (time_b[j] < time_a[i]) {
      ++j;
    } else {
      pairs.emplace_back(i++, j++);
    }
  }
  return pairs;
}

void require_same_size(std::size_t a, std::size_t b) {
  if (a != b) {
    throw std::invalid_argument("indicator input columns differ in length");
  }
}

} // namespace

std::vector<double> sma(std::span<const double> x, std::size_t period) {
  return run(x, Sma(period));
}

std::vector<double> ema(std::span<const double> x, std::size_t period) {
  return run(x, Ema(period));
}

std::vector<double> rsi(std::span<const double> x, std::size_t period) {
  return run(x, Rsi(period));
}

MacdSeries macd(std::span<const double> x, std::size_t fast, std::size_t slow, std::size_t signal) {
  Macd indicator(fast, slow, signal);
  MacdSeries out;
  out.macd.reserve(x.size());
  out.signal.reserve(x.size());
  out.hist.reserve(x.size());
  for (const double v : x) {
    const MacdValue& value = indicator.update(v);
    out.macd.push_back(value.macd);
    out.signal.push_back(value.signal);
    out.hist.push_back(value.hist);
  }
  return out;
}

BollingerSeries bollinger(std::span<const double> x, std::size_t period, double num_std) {
  Bollinger indicator(period, num_std);
  BollingerSeries out;
  out.middle.reserve(x.size());
  out.upper.reserve(x.size());
  out.lower.reserve(x.size());
  for (const double v : x) {
    const BollingerValue& value = indicator.update(v);
    out.middle.push_back(value.middle);
    out.upper.push_back(value.upper);
    out.lower.push_back(value.lower);
  }
  return out;
}

std::vector<double> atr(std::span<const double> high, std::span<const double> low,
                        std::span<const double> close, std::size_t period) {
  require_same_size(high.size(), low.size());
  require_same_size(high.size(), close.size());
  Atr indicator(period);
  std::vector<double> out;
  out.reserve(close.size());
  for (std::size_t i = 0; i < close.size(); ++i) {
    out.push_back(indicator.update(high[i], low[i], close[i]));
  }
  return out;
}

std::vector<double> volatility(std::span<const double> x, std::size_t period) {
  return run(x, Volatility(period));
}

CorrelationSeries correlation(std::span<const core::UtcTime> time_a, std::span<const double> a,
                              std::span<const core::UtcTime> time_b, std::span<const double> b,
                              std::size_t period) {
  require_same_size(time_a.size(), a.size());
  require_same_size(time_b.size(), b.size());
  Correlation indicator(period);
  CorrelationSeries out;
  for (const auto& [i, j] : common_indices(time_a, time_b)) {
    out.time.push_back(time_a[i]);
    out.value.push_back(indicator.update(a[i], b[j]));
  }
  return out;
}

double correlation_all(std::span<const core::UtcTime> time_a, std::span<const double> a,
                       std::span<const core::UtcTime> time_b, std::span<const double> b) {
  require_same_size(time_a.size(), a.size());
  require_same_size(time_b.size(), b.size());
  const auto pairs = common_indices(time_a, time_b);
  if (pairs.size() < 3) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  Correlation indicator(pairs.size() - 1);
  for (const auto& [i, j] : pairs) {
    indicator.update(a[i], b[j]);
  }
  return indicator.value();
}

} // namespace crew::indicators
