#include "data/resample.hpp"

#include "calendar/market_calendar.hpp"
#include "data/bar_gaps.hpp"

#include <algorithm>
#include <optional>

namespace crew::data {
namespace {

// Accumulates the source bars of one bucket.
struct Bucket {
  core::Bar bar;
  double vwap_weight = 0; // Σ vwap·volume
  bool vwap_known = true;
  bool open = false;

  void add(const core::Bar& source, core::UtcTime start) {
    if (!open) {
      bar = core::Bar{start,        source.open,   source.high,        source.low,
                      source.close, source.volume, source.trade_count, 0};
      vwap_weight = 0;
      vwap_known = true;
      open = true;
    } else {
      bar.high = std::max(bar.high, source.high);
      bar.low = std::min(bar.low, source.low);
      bar.close = source.close;
      bar.volume += source.volume;
      bar.trade_count += source.trade_count;
    }
    vwap_known = vwap_known && source.vwap > 0;
    vwap_weight += source.vwap * source.volume;
  }

  void flush(BarSeries& out) {
    if (!open) {
      return;
    }
    bar.vwap = vwap_known && bar.volume > 0 ? vwap_weight / bar.volume : 0;
    out.push_back(bar);
    open = false;
  }
};

// Tells whether a source bar belongs to the NYSE regular session, walking sessions forward.
class SessionFilter {
public:
  explicit SessionFilter(core::Timeframe source) : m_length(core::duration(source)) {
    // Bars of 5Min or less must lie inside the session; coarser ones (already built from
    // session bars) need only overlap it.
    m_contained = core::minutes(source) <= 5;
  }

  bool keep(core::UtcTime t) {
    if (!m_known || t >= m_session.close) {
      m_session = calendar::nyse_session_at_or_after(t);
      m_known = true;
    }
    const core::UtcTime end = t + m_length;
    return m_contained ? (t >= m_session.open && end <= m_session.close)
                       : (end > m_session.open && t < m_session.close);
  }

private:
  core::Duration m_length;
  bool m_contained = true;
  // A plain member and a flag, not std::optional: GCC 12 misreads the optional as uninitialized
  // once the filter is inlined into a loop.
  bool m_known = false;
  calendar::Session m_session{};
};

} // namespace

BarSeries regular_session_bars(const BarSeries& bars) {
  if (bars.symbol().asset_class() != core::AssetClass::us_equity) {
    return bars;
  }
  SessionFilter filter(bars.timeframe());
  BarSeries out(bars.symbol(), bars.timeframe());
  out.reserve(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    if (filter.keep(bars.time()[i])) {
      out.push_back(bars.at(i));
    }
  }
  return out;
}

core::Result<BarSeries> resample(const BarSeries& bars, core::Timeframe target) {
  if (core::minutes(target) < core::minutes(bars.timeframe())) {
    return core::Error{"cannot resample " + std::string(core::to_string(bars.timeframe())) +
                           " bars to the finer " + std::string(core::to_string(target)),
                       bars.symbol().str()};
  }
  BarSeries out(bars.symbol(), target);
  const bool session_only =
      bars.symbol().asset_class() == core::AssetClass::us_equity && core::minutes(target) > 5;
  std::optional<SessionFilter> filter;
  if (session_only) {
    filter.emplace(bars.timeframe());
  }
  Bucket bucket;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const core::UtcTime t = bars.time()[i];
    if (filter && !filter->keep(t)) {
      continue;
    }
    const core::UtcTime start = floor_to(t, target);
    if (bucket.open && bucket.bar.time != start) {
      bucket.flush(out);
    }
    bucket.add(bars.at(i), start);
  }
  bucket.flush(out);
  return out;
}

} // namespace crew::data
