#pragma once
// Ema: exponential moving average, α = 2/(n+1), seeded at index n−1 with the SMA of the first n
// values (bit-identical to Sma at that index), then EMA_t = α·x_t + (1−α)·EMA_{t−1}.
#include "indicators/rolling_window.hpp"

#include <cstddef>
#include <limits>
#include <stdexcept>

namespace crew::indicators {

class Ema {
public:
  explicit Ema(std::size_t period)
      : m_period(period), m_alpha(2.0 / (static_cast<double>(period) + 1.0)),
        m_one_minus_alpha(1.0 - m_alpha) {
    if (period == 0) {
      throw std::invalid_argument("EMA period must be at least 1");
    }
  }

  // Adds x and returns EMA(n) after it, NaN during the first n−1 values.
  double update(double x) {
    if (m_seed.count() < m_period) {
      m_seed.add(x);
      if (m_seed.count() == m_period) {
        m_value = m_seed.mean();
      }
      return m_value;
    }
    m_value = m_alpha * x + m_one_minus_alpha * m_value;
    return m_value;
  }
  double value() const { return m_value; }
  bool ready() const { return m_seed.count() == m_period; }
  void reset() {
    m_seed.reset();
    m_value = std::numeric_limits<double>::quiet_NaN();
  }
  std::size_t period() const { return m_period; }
  double alpha() const { return m_alpha; }
  std::size_t warmup_length() const { return m_period; }

private:
  std::size_t m_period;
  double m_alpha;
  double m_one_minus_alpha;
  SeedMean m_seed;
  double m_value = std::numeric_limits<double>::quiet_NaN();
};

} // namespace crew::indicators
