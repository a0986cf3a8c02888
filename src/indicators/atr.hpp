#pragma once
// Atr: Wilder's average true range. TR_t = max(high−low, |high−close_{t−1}|, |low−close_{t−1}|)
// for t ≥ 1 (bar 0 has no true range); at index n ATR = mean(TR_1..TR_n), then
// ATR_t = (ATR_{t−1}·(n−1) + TR_t)/n.
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>

namespace crew::indicators {

class Atr {
public:
  explicit Atr(std::size_t period) : m_period(period), m_n(static_cast<double>(period)) {
    if (period == 0) {
      throw std::invalid_argument("ATR period must be at least 1");
    }
  }

  // Adds a bar and returns ATR(n) after it, NaN until n true ranges have arrived (index n).
  double update(double high, double low, double close) {
    if (m_count == 0) {
      m_previous_close = close;
      m_count = 1;
      return m_value;
    }
    const double tr = true_range(high, low, m_previous_close);
    m_previous_close = close;
    if (m_count <= m_period) {
      m_sum += tr; // plain sum while seeding
      if (m_count == m_period) {
        m_value = m_sum / m_n;
      }
      ++m_count;
      return m_value;
    }
    m_value = (m_value * (m_n - 1.0) + tr) / m_n;
    return m_value;
  }
  double value() const { return m_value; }
  bool ready() const { return m_count > m_period; }
  void reset() {
    m_count = 0;
    m_previous_close = 0;
    m_sum = 0;
    m_value = std::numeric_limits<double>::quiet_NaN();
  }
  std::size_t period() const { return m_period; }
  std::size_t warmup_length() const { return m_period + 1; }

  static double true_range(double high, double low, double previous_close) {
    const double range = high - low;
    const double up = std::fabs(high - previous_close);
    const double down = std::fabs(low - previous_close);
    const double m = range > up ? range : up;
    return m > down ? m : down;
  }

private:
  std::size_t m_period;
  double m_n;
  std::size_t m_count = 0; // bars seen, capped at period + 1
  double m_previous_close = 0;
  double m_sum = 0;
  double m_value = std::numeric_limits<double>::quiet_NaN();
};

} // namespace crew::indicators
