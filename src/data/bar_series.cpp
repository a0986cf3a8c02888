#include "data/bar_series.hpp"

#include <algorithm>

namespace crew::data {

void BarSeries::reserve(std::size_t n) {
  m_time.reserve(n);
  for (auto* column : {&m_open, &m_high, &m_low, &m_close, &m_volume, &m_trade_count, &m_vwap}) {
    column->reserve(n);
  }
}

void BarSeries::clear() {
  m_time.clear();
  for (auto* column : {&m_open, &m_high, &m_low, &m_close, &m_volume, &m_trade_count, &m_vwap}) {
    column->clear();
  }
}

void BarSeries::push_back(const core::Bar& bar) {
  m_time.push_back(bar.time);
  m_open.push_back(bar.open);
  m_high.push_back(bar.high);
  m_low.push_back(bar.low);
  m_close.push_back(bar.close);
  m_volume.push_back(bar.volume);
  m_trade_count.push_back(bar.trade_count);
  m_vwap.push_back(bar.vwap);
}

core::Bar BarSeries::at(std::size_t i) const {
  return core::Bar{m_time.at(i), m_open[i],   m_high[i],        m_low[i],
                   m_close[i],   m_volume[i], m_trade_count[i], m_vwap[i]};
}

std::size_t BarSeries::lower_bound(core::UtcTime t) const {
  return static_cast<std::size_t>(std::lower_bound(m_time.begin(), m_time.end(), t) -
                                  m_time.begin());
}

BarSeries BarSeries::slice(core::UtcTime from, core::UtcTime to) const {
  BarSeries out(m_symbol, m_timeframe);
  const std::size_t first = lower_bound(from);
  const std::size_t last = std::max(first, lower_bound(to));
  out.reserve(last - first);
  for (std::size_t i = first; i < last; ++i) {
    out.push_back(at(i));
  }
  return out;
}

} // namespace crew::data
