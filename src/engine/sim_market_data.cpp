#include "engine/sim_market_data.hpp"

#include <algorithm>

namespace crew::engine {

std::size_t completed_end(const data::BarSeries& bars, core::UtcTime now) {
  // time + tf ≤ now  ⇔  time < now − tf + 1ns.
  return bars.lower_bound(now - core::duration(bars.timeframe()) + core::Duration{1});
}

SimMarketData::SimMarketData(std::vector<data::BarSeries> series) {
  for (auto& s : series) {
    Key key{s.symbol().str(), core::minutes(s.timeframe())};
    m_series.emplace(std::move(key), std::move(s));
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
    // The finest series first: the map orders timeframes by minutes within a symbol.
    for (auto it = m_series.lower_bound(Key{symbol.str(), 0});
         it != m_series.end() && it->first.first == symbol.str(); ++it) {
      const auto end = completed_end(it->second, now);
      if (end > 0) {
        out[symbol.str()] = it->second.close()[end - 1];
        break;
      }
    }
  }
  return out;
}

} // namespace crew::engine
