#pragma once
// Rsi: Wilder's relative strength index (design.md section 4). d_t = x_t − x_{t−1}; at index n the
// average gain and loss are the plain means over d_1..d_n, then avg = (avg·(n−1) + current)/n.
// RSI = 100 − 100/(1 + avgGain/avgLoss); 100 when avgLoss = 0 < avgGain; 50 when both are 0.
#include <cstddef>
#include <limits>
#include <stdexcept>

namespace crew::indicators {

class Rsi {
public:
  explicit Rsi(std::size_t period) : m_period(period), m_n(static_cast<double>(period)) {
    if (period == 0) {
      throw std::invalid_argument("RSI period must be at least 1");
    }
  }

  // Adds x and returns RSI(n) after it, NaN until n differences have arrived (index n).
  double update(double x) {
    if (m_count == 0) {
      m_previous = x;
      m_count = 1;
      return m_value;
    }
    const double d = x - m_previous;
    m_previous = x;
    const double gain = d > 0 ? d : 0.0;
    const double loss = d < 0 ? -d : 0.0;
    if (m_count <= m_period) {
      m_avg_gain += gain; // plain sums while seeding
      m_avg_loss += loss;
      if (m_count == m_period) {
        m_avg_gain /= m_n;
        m_avg_loss /= m_n;
        m_value = rsi_of(m_avg_gain, m_avg_loss);
      }
      ++m_count;
      return m_value;
    }
    m_avg_gain = (m_avg_gain * (m_n - 1.0) + gain) / m_n;
    m_avg_loss = (m_avg_loss * (m_n - 1.0) + loss) / m_n;
    m_value = rsi_of(m_avg_gain, m_avg_loss);
    return m_value;
  }
  double value() const { return m_value; }
  bool ready() const { return m_count > m_period; }
  void reset() {
    m_count = 0;
    m_previous = 0;
    m_avg_gain = 0;
    m_avg_loss = 0;
    m_value = std::numeric_limits<double>::quiet_NaN();
  }
  std::size_t period() const { return m_period; }
  std::size_t warmup_length() const { return m_period + 1; }
  // Wilder averages after the latest value (meaningful once ready()).
  double average_gain() const { return m_avg_gain; }
  double average_loss() const { return m_avg_loss; }

  static double rsi_of(double avg_gain, double avg_loss) {
    if (avg_loss == 0) {
      return avg_gain > 0 ? 100.0 : 50.0;
    }
    return 100.0 - 100.0 / (1.0 + avg_gain / avg_loss);
  }

private:
  std::size_t m_period;
  double m_n;
  std::size_t m_count = 0; // values seen, capped at period + 1
  double m_previous = 0;
  double m_avg_gain = 0;
  double m_avg_loss = 0;
  double m_value = std::numeric_limits<double>::quiet_NaN();
};

} // namespace crew::indicators
