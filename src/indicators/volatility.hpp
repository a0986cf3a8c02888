#pragma once
// Volatility: sample standard deviation of the last n log returns ln(x_t/x_{t−1}), first defined
// at index n (n returns need n+1 values). Not annualised: callers scale by √(bars per year).
// Uses RollingWindow (shifted sums re-anchored every n updates) over the returns.
#include "indicators/rolling_window.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>

namespace crew::indicators {

class Volatility {
public:
  explicit Volatility(std::size_t period) : m_window(period) {
    if (period < 2) {
      throw std::invalid_argument("volatility period must be at least 2");
    }
  }

  // Adds a price (> 0) and returns the volatility after it, NaN while undefined.
  double update(double x) {
    if (m_has_previous) {
      m_window.push(std::log(x / m_previous));
      if (m_window.full()) {
        m_value = std::sqrt(m_window.sample_variance());
      }
    }
    m_previous = x;
    m_has_previous = true;
    return m_value;
  }
  double value() const { return m_value; }
  bool ready() const { return m_window.full(); }
  void reset() {
    m_window.reset();
    m_has_previous = false;
    m_previous = 0;
    m_value = std::numeric_limits<double>::quiet_NaN();
  }
  std::size_t period() const { return m_window.period(); }
  std::size_t warmup_length() const { return m_window.period() + 1; }

private:
  RollingWindow m_window;
  bool m_has_previous = false;
  double m_previous = 0;
  double m_value = std::numeric_limits<double>::quiet_NaN();
};

} // namespace crew::indicators
