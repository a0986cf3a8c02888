#pragma once
// Macd: MACD(fast, slow, signal), default (12, 26, 9). macd = EMA_fast − EMA_slow, defined once
// both EMAs are (index slow−1); signal = EMA_signal over the macd values, seeded by the SMA of the
// first `signal` macd values (index slow+signal−2 = 33); hist = macd − signal.
#include "indicators/ema.hpp"

#include <cstddef>
#include <limits>

namespace crew::indicators {

struct MacdValue {
  double macd = std::numeric_limits<double>::quiet_NaN();
  double signal = std::numeric_limits<double>::quiet_NaN();
  double hist = std::numeric_limits<double>::quiet_NaN();
};

class Macd {
public:
  Macd(std::size_t fast = 12, std::size_t slow = 26, std::size_t signal = 9)
      : m_fast(fast), m_slow(slow), m_signal(signal) {}

  // Adds x and returns the three lines after it, each NaN while undefined.
  const MacdValue& update(double x) {
    m_fast.update(x);
    m_slow.update(x);
    if (m_fast.ready() && m_slow.ready()) {
      m_value.macd = m_fast.value() - m_slow.value();
      m_value.signal = m_signal.update(m_value.macd);
      m_value.hist = m_value.macd - m_value.signal;
    }
    return m_value;
  }
  const MacdValue& value() const { return m_value; }
  // True once every line (signal included) is defined.
  bool ready() const { return m_signal.ready(); }
  bool macd_ready() const { return m_fast.ready() && m_slow.ready(); }
  void reset() {
    m_fast.reset();
    m_slow.reset();
    m_signal.reset();
    m_value = MacdValue{};
  }
  // Values needed before the macd line, and before all three lines, are defined.
  std::size_t macd_warmup_length() const {
    return m_fast.period() > m_slow.period() ? m_fast.period() : m_slow.period();
  }
  std::size_t warmup_length() const { return macd_warmup_length() + m_signal.period() - 1; }

private:
  Ema m_fast;
  Ema m_slow;
  Ema m_signal;
  MacdValue m_value;
};

} // namespace crew::indicators
