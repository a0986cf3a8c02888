#include "engine/alpaca_market_data.hpp"

#include "data/resample.hpp"
#include "data/signal_bars.hpp"
#include "engine/sim_market_data.hpp"

#include <algorithm>
#include <limits>

namespace crew::engine {
namespace {

// Bars kept per symbol and timeframe beyond what was asked (a small margin, not a history).
constexpr std::size_t k_cache_margin = 16;
constexpr auto k_end_of_time = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max());

std::map<core::AssetClass, std::vector<core::Symbol>>
by_market(const std::vector<core::Symbol>& symbols) {
  std::map<core::AssetClass, std::vector<core::Symbol>> out;
  for (const auto& symbol : symbols) {
    out[symbol.asset_class()].push_back(symbol);
  }
  return out;
}

// The last `keep` bars of `series`.
data::BarSeries tail(const data::BarSeries& series, std::size_t keep) {
  if (series.size() <= keep) {
    return series;
  }
  return series.slice(series.time()[series.size() - keep], k_end_of_time);
}

} // namespace

core::Duration lookback(core::AssetClass market, core::Timeframe timeframe, std::size_t count) {
  return data::span_of_bars(market, timeframe, count);
}

AlpacaMarketData::AlpacaMarketData(alpaca::MarketDataClient& client, std::string feed)
    : m_client(client), m_feed(std::move(feed)) {}

core::Status AlpacaMarketData::refresh(core::AssetClass market,
                                       const std::vector<core::Symbol>& symbols,
                                       core::Timeframe timeframe, std::size_t count,
                                       core::UtcTime now) {
  // One request from the oldest point any symbol needs: after its last cached bar, or the whole
  // lookback for a symbol not seen yet.
  const auto floor = now - lookback(market, timeframe, count);
  auto start = now;
  for (const auto& symbol : symbols) {
    const auto cached = m_cache.find({symbol.str(), timeframe});
    const auto from =
        cached == m_cache.end() || cached->second.empty()
            ? floor
            : std::max(floor, cached->second.time().back() + core::duration(timeframe));
    start = std::min(start, from);
  }
  if (start >= now) {
    return {};
  }
  alpaca::BarsRequest request;
  for (const auto& symbol : symbols) {
    request.symbols.push_back(symbol.str());
  }
  request.timeframe = timeframe;
  request.start = start;
  request.end = now;
  if (market == core::AssetClass::us_equity) {
    request.feed = m_feed;
  }
  auto fetched = m_client.bars(market, request);
  if (!fetched) {
    return fetched.error();
  }
  for (const auto& symbol : symbols) {
    auto& series = m_cache[{symbol.str(), timeframe}];
    if (series.empty()) {
      series = data::BarSeries(symbol, timeframe);
    }
    const auto found = fetched->find(symbol.str());
    if (found == fetched->end()) {
      continue;
    }
    data::BarSeries merged = series;
    for (const auto& bar : found->second) {
      // Only completed bars are kept: a bar still forming would be stale on the next call.
      if ((merged.empty() || bar.time > merged.time().back()) &&
          bar.time + core::duration(timeframe) <= now) {
        merged.push_back(bar);
      }
    }
    // Only regular-session bars of an equity are kept (design 3b), so the tail kept holds
    // `count` bars that signals may use.
    series = tail(data::regular_session_bars(merged), count + k_cache_margin);
  }
  return {};
}

core::Result<std::map<std::string, data::BarSeries>>
AlpacaMarketData::completed_bars(const std::vector<core::Symbol>& symbols,
                                 core::Timeframe timeframe, std::size_t count, core::UtcTime now) {
  // Signal bars are built by the one rule every reader uses (design 3b): an equity's come from
  // regular-session 5Min bars, never from Alpaca's clock-aligned bars with the pre-market in them.
  std::map<core::AssetClass, core::Timeframe> sources;
  for (const auto& [market, group] : by_market(symbols)) {
    const auto source = data::signal_sources(market, timeframe).front();
    sources[market] = source;
    // Enough source bars for `count` signal bars, and the bucket that is still forming.
    const auto per_bar = static_cast<std::size_t>(core::minutes(timeframe) / core::minutes(source));
    if (auto refreshed = refresh(market, group, source, (count + 1) * per_bar, now); !refreshed) {
      return refreshed.error();
    }
  }
  std::map<std::string, data::BarSeries> out;
  for (const auto& symbol : symbols) {
    const auto cached = m_cache.find({symbol.str(), sources[symbol.asset_class()]});
    if (cached == m_cache.end() || cached->second.empty()) {
      continue;
    }
    auto signal = data::to_signal_bars(cached->second, timeframe);
    if (!signal) {
      return signal.error();
    }
    const auto end = completed_end(*signal, now);
    const auto begin = end > count ? end - count : 0;
    if (begin == end) {
      continue;
    }
    const auto to = end < signal->size() ? signal->time()[end] : k_end_of_time;
    out.emplace(symbol.str(), signal->slice(signal->time()[begin], to));
  }
  return out;
}

core::Result<std::map<std::string, double>>
AlpacaMarketData::latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime /*now*/) {
  std::map<std::string, double> out;
  for (const auto& [market, group] : by_market(symbols)) {
    std::vector<std::string> names;
    for (const auto& symbol : group) {
      names.push_back(symbol.str());
    }
    auto latest =
        m_client.latest_bars(market, names, market == core::AssetClass::us_equity ? m_feed : "");
    if (!latest) {
      return latest.error();
    }
    // The venue's latest price as it answers, even when its clock has moved past `now` while
    // the tick ran (a venue clock replaying faster than real time): it is the price an order
    // sent now would meet.
    for (const auto& [name, bar] : *latest) {
      out[name] = bar.close;
    }
  }
  return out;
}

} // namespace crew::engine
