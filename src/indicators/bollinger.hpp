#pragma once
// Bollinger: Bollinger bands (n, k), default (20, 2). middle = SMA(n) of the input, σ = population
// standard deviation of the same n values, upper/lower = middle ± k·σ; first defined at index n−1.
// The mean and σ come from one RollingWindow (shifted sums re-anchored every n updates, see
// rolling_window.hpp), so middle equals Sma(n) bit for bit and the width does not drift.
#include "indicators/rolling_window.hpp"

#include <cmath>
#include <cstddef>
#include <limits>

namespace crew::indicators {

struct BollingerValue {
  double middle = std::numeric_limits<double>::quiet_NaN();
  double upper = std::numeric_limits<double>::quiet_NaN();
  double lower = std::numeric_limits<double>::quiet_NaN();
};

class Bollinger {
public:
  explicit Bollinger(std::size_t period = 20, double num_std = 2.0)
      : m_window(period), m_num_std(num_std) {}

  // Adds x and returns the bands after it, NaN while fewer than n values have arrived.
  const BollingerValue& update(double x) {
    m_window.push(x);
    if (m_window.full()) {
      const double middle = m_window.mean();
      const double width = m_num_std * std::sqrt(m_window.population_variance());
      m_value = {middle, middle + width, middle - width};
    }
    return m_value;
  }
  const BollingerValue& value() const { return m_value; }
  bool ready() const { return m_window.full(); }
  void reset() {
    m_window.reset();
    m_value = BollingerValue{};
  }
  std::size_t period() const { return m_window.period(); }
  double num_std() const { return m_num_std; }
  std::size_t warmup_length() const { return m_window.period(); }

private:
  RollingWindow m_window;
  double m_num_std;
  BollingerValue m_value;
};

} // namespace crew::indicators
