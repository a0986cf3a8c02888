#pragma once
// BarSeries: the bars of one symbol and timeframe in columns (struct of arrays), in time order,
// so indicators and the backtest loop read contiguous doubles. Design.md section 3b.
#include "core/bar.hpp"
#include "core/symbol.hpp"
#include "core/timeframe.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace crew::data {

class BarSeries {
public:
  BarSeries() = default;
  BarSeries(core::Symbol symbol, core::Timeframe timeframe)
      : m_symbol(std::move(symbol)), m_timeframe(timeframe) {}

  const core::Symbol& symbol() const { return m_symbol; }
  core::Timeframe timeframe() const { return m_timeframe; }
  std::size_t size() const { return m_time.size(); }
  bool empty() const { return m_time.empty(); }
  void reserve(std::size_t n);
  void clear();

  // Appends a bar; the caller keeps times strictly increasing.
  void push_back(const core::Bar& bar);
  core::Bar at(std::size_t i) const;

  std::span<const core::UtcTime> time() const { return m_time; }
  std::span<const double> open() const { return m_open; }
  std::span<const double> high() const { return m_high; }
  std::span<const double> low() const { return m_low; }
  std::span<const double> close() const { return m_close; }
  std::span<const double> volume() const { return m_volume; }
  std::span<const double> trade_count() const { return m_trade_count; }
  std::span<const double> vwap() const { return m_vwap; }

  // Index of the first bar with time ≥ t (size() when none).
  std::size_t lower_bound(core::UtcTime t) const;
  // The bars with time in [from, to).
  BarSeries slice(core::UtcTime from, core::UtcTime to) const;

private:
  core::Symbol m_symbol;
  core::Timeframe m_timeframe = core::Timeframe::hour1;
  std::vector<core::UtcTime> m_time;
  std::vector<double> m_open, m_high, m_low, m_close, m_volume, m_trade_count, m_vwap;
};

} // namespace crew::data
