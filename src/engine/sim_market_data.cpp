#include "engine/sim_market_data.hpp"

#include <algorithm>
#include <limits>

namespace crew::engine {

std::size_t completed_end(const data::BarSeries& bars, core::UtcTime now) {
  return bars.lower_bound(first_incomplete(bars.timeframe(), now));
}

core::UtcTime first_incomplete(core::Timeframe timeframe, core::UtcTime now) {
  // time + tf ≤ now  ⇔  time < now − tf + 1ns.
  return now - core::duration(timeframe) + core::Duration{1};
}

BarStream::BarStream(core::Symbol symbol, core::Timeframe timeframe, core::UtcTime begin,
                     core::UtcTime end, Reader read, core::Duration window)
    : m_symbol(std::move(symbol)), m_timeframe(timeframe), m_begin(begin), m_end(end),
      m_read(std::move(read)), m_window(std::max(window, core::Duration{1})),
      m_bars(m_symbol, m_timeframe) {}

BarStream::BarStream(data::BarSeries bars)
    : m_symbol(bars.symbol()), m_timeframe(bars.timeframe()),
      m_begin(core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min())),
      m_end(core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max())),
      m_window(core::Duration::max()), m_k(0), m_bars(std::move(bars)), m_before_known(true) {}

std::int64_t BarStream::window_of(core::UtcTime t) const {
  return m_read ? (t - m_begin) / m_window : 0;
}

core::Result<data::BarSeries> BarStream::read_window(std::int64_t k) const {
  const auto lo = m_begin + m_window * k;
  const auto hi = m_end - lo > m_window ? lo + m_window : m_end;
  return m_read(lo, hi);
}

core::Status BarStream::seek(core::UtcTime t) {
  const auto k = window_of(t);
  if (k == m_k) {
    return {};
  }
  auto bars = read_window(k);
  if (!bars) {
    return bars.error();
  }
  if (k == m_k + 1 && m_k >= 0) {
    // The next window: the last bar before it is the current window's last, or the one before.
    if (!m_bars.empty()) {
      m_before = m_bars.at(m_bars.size() - 1);
      m_before_known = true;
    }
  } else {
    // A jump: the bar before the window is looked for only when asked (last_before).
    m_before.reset();
    m_before_known = k == 0;
  }
  m_bars = std::move(*bars);
  m_k = k;
  return {};
}

core::Status BarStream::for_each(core::UtcTime from, core::UtcTime to,
                                 const std::function<void(const core::Bar&)>& visit) {
  from = std::max(from, m_begin);
  to = std::min(to, m_end);
  while (from < to) {
    if (auto sought = seek(from); !sought) {
      return sought;
    }
    // The window's end: bars at or after it belong to the next window.
    const auto window_end = m_read
                                ? m_begin + m_window * (m_k + 1)
                                : core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max());
    const auto stop = std::min(to, window_end);
    for (auto i = m_bars.lower_bound(from); i < m_bars.size() && m_bars.time()[i] < stop; ++i) {
      visit(m_bars.at(i));
    }
    from = stop;
  }
  return {};
}

core::Result<std::optional<core::Bar>> BarStream::last_before(core::UtcTime t) {
  t = std::min(t, m_end);
  if (t <= m_begin) {
    return std::optional<core::Bar>{};
  }
  if (auto sought = seek(t - core::Duration{1}); !sought) {
    return sought.error();
  }
  if (const auto i = m_bars.lower_bound(t); i > 0) {
    return std::optional<core::Bar>{m_bars.at(i - 1)};
  }
  if (!m_before_known) {
    // After a jump: the nearest earlier window holding a bar.
    for (auto k = m_k - 1; k >= 0; --k) {
      auto bars = read_window(k);
      if (!bars) {
        return bars.error();
      }
      if (!bars->empty()) {
        m_before = bars->at(bars->size() - 1);
        break;
      }
    }
    m_before_known = true;
  }
  return m_before;
}

SimMarketData::SimMarketData(std::vector<data::BarSeries> series,
                             std::vector<std::shared_ptr<BarStream>> streams) {
  for (auto& s : series) {
    Key key{s.symbol().str(), core::minutes(s.timeframe())};
    m_series.emplace(std::move(key), std::move(s));
  }
  for (auto& s : streams) {
    Key key{s->symbol().str(), core::minutes(s->timeframe())};
    m_streams.emplace(std::move(key), std::move(s));
  }
}

core::Result<std::map<std::string, data::BarSeries>>
SimMarketData::completed_bars(const std::vector<core::Symbol>& symbols, core::Timeframe timeframe,
                              std::size_t count, core::UtcTime now) {
  std::map<std::string, data::BarSeries> out;
  for (const auto& symbol : symbols) {
    const auto found = m_series.find(Key{symbol.str(), core::minutes(timeframe)});
    if (found == m_series.end()) {
      continue;
    }
    const auto& bars = found->second;
    const auto end = completed_end(bars, now);
    if (end == 0) {
      continue;
    }
    const auto begin = end > count ? end - count : 0;
    data::BarSeries slice(bars.symbol(), bars.timeframe());
    slice.reserve(end - begin);
    for (auto i = begin; i < end; ++i) {
      slice.push_back(bars.at(i));
    }
    out.emplace(symbol.str(), std::move(slice));
  }
  return out;
}

core::Result<std::map<std::string, double>>
SimMarketData::latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime now) {
  std::map<std::string, double> out;
  for (const auto& symbol : symbols) {
    // The finest series first: the maps order timeframes by minutes within a symbol; a series
    // and a stream of the same timeframe hold the same bars (the signal bars serving as fills).
    auto series = m_series.lower_bound(Key{symbol.str(), 0});
    auto stream = m_streams.lower_bound(Key{symbol.str(), 0});
    const auto of_symbol = [&](const auto& it, const auto& map) {
      return it != map.end() && it->first.first == symbol.str();
    };
    while (of_symbol(series, m_series) || of_symbol(stream, m_streams)) {
      const bool from_series =
          of_symbol(series, m_series) &&
          (!of_symbol(stream, m_streams) || series->first.second <= stream->first.second);
      if (from_series) {
        const auto end = completed_end(series->second, now);
        if (end > 0) {
          out[symbol.str()] = series->second.close()[end - 1];
          break;
        }
        ++series;
        continue;
      }
      auto last = stream->second->last_before(first_incomplete(stream->second->timeframe(), now));
      if (!last) {
        return last.error();
      }
      if (*last) {
        out[symbol.str()] = (*last)->close;
        break;
      }
      ++stream;
    }
  }
  return out;
}

} // namespace crew::engine
