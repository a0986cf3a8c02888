#pragma once
// RollingWindow: the last n values of a series with their shifted sums Σ(x−K) and Σ(x−K)², the
// engine under SMA, Bollinger, volatility and correlation. Not an indicator on its own.
//
// Numerical choice: a plain running sum (add the new value, subtract the old) drifts without
// bound over millions of bars and makes a flat series show a non-zero σ. Here the sums are kept
// relative to an anchor K: while the window fills, K is the first value and the sums are plain
// left-to-right sums of exact differences; each time the ring wraps (every n updates) K becomes the
// newest value and both sums are recomputed from the buffer in time order. Rounding drift is thus
// bounded by one window, a window that was already flat at its last re-anchor has exactly σ = 0
// and mean = K (one that became flat since shows a rounding residue until the next re-anchor,
// at most n updates later), and the cost is O(1) amortised (one O(n) pass every n updates), with
// no allocation after construction.
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace crew::indicators {

class RollingWindow {
public:
  explicit RollingWindow(std::size_t period) : m_buffer(period) {
    if (period == 0) {
      throw std::invalid_argument("indicator period must be at least 1");
    }
  }

  // Appends x, dropping the oldest value once the window is full.
  void push(double x) {
    const std::size_t n = m_buffer.size();
    if (m_count < n) {
      if (m_count == 0) {
        m_anchor = x;
      }
      const double d = x - m_anchor;
      m_sum += d;
      m_sum_sq += d * d;
      m_buffer[m_next] = x;
      ++m_count;
      m_next = m_count == n ? 0 : m_count;
      return;
    }
    const double old = m_buffer[m_next];
    m_buffer[m_next] = x;
    if (++m_next == n) {
      m_next = 0;
      reanchor(x);
      return;
    }
    const double d_new = x - m_anchor;
    const double d_old = old - m_anchor;
    m_sum += d_new - d_old;
    m_sum_sq += d_new * d_new - d_old * d_old;
  }

  bool full() const { return m_count == m_buffer.size(); }
  std::size_t size() const { return m_count; }
  std::size_t period() const { return m_buffer.size(); }

  // Mean of the values in the window (K + Σ(x−K)/count).
  double mean() const { return m_anchor + m_sum / static_cast<double>(m_count); }
  // Population variance Σ(x−mean)²/count, never negative.
  double population_variance() const {
    const double count = static_cast<double>(m_count);
    const double m = m_sum / count;
    const double v = m_sum_sq / count - m * m;
    return v > 0 ? v : 0.0;
  }
  // Sample variance Σ(x−mean)²/(count−1), never negative; needs count ≥ 2.
  double sample_variance() const {
    const double count = static_cast<double>(m_count);
    const double v = (m_sum_sq - m_sum * m_sum / count) / (count - 1.0);
    return v > 0 ? v : 0.0;
  }
  void reset() {
    m_next = 0;
    m_count = 0;
    m_anchor = 0;
    m_sum = 0;
    m_sum_sq = 0;
  }

private:
  void reanchor(double newest) {
    // After a wrap the buffer is in time order: index 0 is the oldest value.
    m_anchor = newest;
    m_sum = 0;
    m_sum_sq = 0;
    for (const double x : m_buffer) {
      const double d = x - m_anchor;
      m_sum += d;
      m_sum_sq += d * d;
    }
  }

  std::vector<double> m_buffer;
  std::size_t m_next = 0;
  std::size_t m_count = 0;
  double m_anchor = 0;
  double m_sum = 0;
  double m_sum_sq = 0;
};

// The mean of the first n values of a series, accumulated exactly as RollingWindow does while it
// fills, so an EMA seeded "with SMA(n) of the first n values" equals that SMA bit for bit.
class SeedMean {
public:
  void add(double x) {
    if (m_count == 0) {
      m_anchor = x;
    }
    m_sum += x - m_anchor;
    ++m_count;
  }
  std::size_t count() const { return m_count; }
  double mean() const { return m_anchor + m_sum / static_cast<double>(m_count); }
  void reset() { *this = SeedMean{}; }

private:
  std::size_t m_count = 0;
  double m_anchor = 0;
  double m_sum = 0;
};

} // namespace crew::indicators
