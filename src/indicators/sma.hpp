#pragma once
// Sma: simple moving average of the last n values (design.md section 4), first defined at index
// n−1. Streaming, O(1) amortised per update, no allocation after construction; the rolling sum
// is re-anchored every n updates (see rolling_window.hpp) so it does not drift.
#include "indicators/rolling_window.hpp"

#include <cstddef>
#include <limits>

namespace crew::indicators {

class Sma {
public:
  explicit Sma(std::size_t period) : m_window(period) {}

  // Adds x and returns SMA(n) after it, NaN while fewer than n values have arrived.
  double update(double x) {
    m_window.push(x);
    m_value = m_window.full() ? m_window.mean() : std::numeric_limits<double>::quiet_NaN();
    return m_value;
  }
  double value() const { return m_value; }
  bool ready() const { return m_window.full(); }
  void reset() {
    m_window.reset();
    m_value = std::numeric_limits<double>::quiet_NaN();
  }
  std::size_t period() const { return m_window.period(); }
  // Values needed before the first defined output.
  std::size_t warmup_length() const { return m_window.period(); }

private:
  RollingWindow m_window;
  double m_value = std::numeric_limits<double>::quiet_NaN();
};

} // namespace crew::indicators
