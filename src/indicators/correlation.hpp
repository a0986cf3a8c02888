#pragma once
// Correlation: rolling Pearson correlation of the log returns of two series over the last n
// return pairs. The caller feeds prices at timestamps present in both series (batch.hpp's
// correlation() does that join); returns are taken between consecutive common timestamps.
// Defined at the (n+1)-th common timestamp; NaN while either window has zero variance.
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

namespace crew::indicators {

class Correlation {
public:
  explicit Correlation(std::size_t period) : m_a(period), m_b(period) {
    if (period < 2) {
      throw std::invalid_argument("correlation period must be at least 2");
    }
  }

  // Adds the two prices (> 0) at the next common timestamp; returns the correlation after it.
  double update(double a, double b) {
    if (m_has_previous) {
      push(std::log(a / m_previous_a), std::log(b / m_previous_b));
    }
    m_previous_a = a;
    m_previous_b = b;
    m_has_previous = true;
    return m_value;
  }
  double value() const { return m_value; }
  bool ready() const { return m_count == m_a.size(); }
  void reset() {
    m_has_previous = false;
    m_previous_a = m_previous_b = 0;
    m_next = m_count = 0;
    m_anchor_a = m_anchor_b = 0;
    m_sa = m_sb = m_saa = m_sbb = m_sab = 0;
    m_value = std::numeric_limits<double>::quiet_NaN();
  }
  std::size_t period() const { return m_a.size(); }
  std::size_t warmup_length() const { return m_a.size() + 1; }

private:
  // Same scheme as RollingWindow: sums relative to anchors, recomputed when the ring wraps.
  void push(double ra, double rb) {
    const std::size_t n = m_a.size();
    if (m_count < n) {
      if (m_count == 0) {
        m_anchor_a = ra;
        m_anchor_b = rb;
      }
      add(ra - m_anchor_a, rb - m_anchor_b, 1.0);
      m_a[m_next] = ra;
      m_b[m_next] = rb;
      ++m_count;
      m_next = m_count == n ? 0 : m_count;
    } else {
      const double old_a = m_a[m_next];
      const double old_b = m_b[m_next];
      m_a[m_next] = ra;
      m_b[m_next] = rb;
      if (++m_next == n) {
        m_next = 0;
        reanchor(ra, rb);
      } else {
        add(old_a - m_anchor_a, old_b - m_anchor_b, -1.0);
        add(ra - m_anchor_a, rb - m_anchor_b, 1.0);
      }
    }
    if (m_count == n) {
      const double count = static_cast<double>(n);
      const double var_a = m_saa - m_sa * m_sa / count;
      const double var_b = m_sbb - m_sb * m_sb / count;
      const double cov = m_sab - m_sa * m_sb / count;
      m_value = var_a > 0 && var_b > 0 ? cov / std::sqrt(var_a * var_b)
                                       : std::numeric_limits<double>::quiet_NaN();
    }
  }
  void add(double da, double db, double sign) {
    m_sa += sign * da;
    m_sb += sign * db;
    m_saa += sign * (da * da);
    m_sbb += sign * (db * db);
    m_sab += sign * (da * db);
  }
  void reanchor(double newest_a, double newest_b) {
    m_anchor_a = newest_a;
    m_anchor_b = newest_b;
    m_sa = m_sb = m_saa = m_sbb = m_sab = 0;
    for (std::size_t i = 0; i < m_a.size(); ++i) {
      add(m_a[i] - m_anchor_a, m_b[i] - m_anchor_b, 1.0);
    }
  }

  std::vector<double> m_a;
  std::vector<double> m_b;
  bool m_has_previous = false;
  double m_previous_a = 0;
  double m_previous_b = 0;
  std::size_t m_next = 0;
  std::size_t m_count = 0;
  double m_anchor_a = 0;
  double m_anchor_b = 0;
  double m_sa = 0, m_sb = 0, m_saa = 0, m_sbb = 0, m_sab = 0;
  double m_value = std::numeric_limits<double>::quiet_NaN();
};

} // namespace crew::indicators
