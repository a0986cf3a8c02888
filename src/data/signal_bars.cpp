#include "data/signal_bars.hpp"

#include "data/bar_store.hpp"
#include "data/resample.hpp"

#include <algorithm>
#include <optional>

namespace crew::data {

std::vector<core::Timeframe> signal_sources(core::AssetClass asset_class,
                                            core::Timeframe timeframe) {
  std::vector<core::Timeframe> sources;
  if (asset_class == core::AssetClass::us_equity) {
    // A timeframe whose clock-aligned buckets start at the 09:30 open (1, 5, 15, 30 minutes) is
    // its own source once bars outside the session are dropped; a coarser one mixes the
    // pre-market into its first bucket (the 09:00 hourly bar), so it is built from 5Min bars.
    const auto length = core::minutes(timeframe);
    const bool aligned_to_the_open = length <= 30 && 30 % length == 0;
    if (aligned_to_the_open) {
      sources.push_back(timeframe);
      if (length > 5) {
        sources.push_back(core::Timeframe::min5);
      }
    } else {
      sources.push_back(core::Timeframe::min5);
      sources.push_back(timeframe);
    }
    return sources;
  }
  sources.push_back(timeframe);
  for (const auto finer : {core::Timeframe::min15, core::Timeframe::min5, core::Timeframe::min1}) {
    if (core::minutes(finer) < core::minutes(timeframe)) {
      sources.push_back(finer);
    }
  }
  return sources;
}

core::Result<BarSeries> to_signal_bars(const BarSeries& source, core::Timeframe timeframe) {
  const bool equity = source.symbol().asset_class() == core::AssetClass::us_equity;
  if (!equity && source.timeframe() == timeframe) {
    return source;
  }
  const auto session = regular_session_bars(source);
  if (session.timeframe() == timeframe) {
    return session;
  }
  return resample(session, timeframe);
}

std::vector<core::Symbol> stand_in_symbols(const core::Symbol& symbol) {
  std::vector<core::Symbol> out{symbol};
  if (symbol.asset_class() == core::AssetClass::crypto && symbol.quote() == "USD") {
    out.emplace_back(symbol.base() + "/USDT", core::AssetClass::crypto, symbol.base(), "USDT");
  }
  return out;
}

BarSeries relabel(const BarSeries& bars, const core::Symbol& symbol) {
  if (bars.symbol() == symbol) {
    return bars;
  }
  BarSeries out(symbol, bars.timeframe());
  out.reserve(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    out.push_back(bars.at(i));
  }
  return out;
}

core::Result<SignalBars> read_signal_bars(const BarStore& store, const core::Symbol& symbol,
                                          core::Timeframe timeframe, core::UtcTime from,
                                          core::UtcTime to) {
  const auto sources = signal_sources(symbol.asset_class(), timeframe);
  for (const auto& stored_symbol : stand_in_symbols(symbol)) {
    // Of the sources holding bars in [from, to), the one reaching furthest towards `to` (an old
    // import must not hide bars refreshed since in another timeframe); on a tie, the first. The
    // first source reaching the last signal bar ends the search, so an up-to-date store costs
    // one read as before.
    std::optional<BarSeries> best;
    core::UtcTime reach;
    for (const auto source : sources) {
      auto read = store.read(stored_symbol, source, from, to);
      if (!read) {
        return read.error();
      }
      if (read->empty()) {
        continue;
      }
      // Compared by where the last bar ends: 5Min and 15Min bars of one session end together.
      const auto end = read->time().back() + core::duration(source);
      if (!best || end > reach) {
        best = std::move(*read);
        reach = end;
      }
      if (reach + core::duration(timeframe) > to) {
        break;
      }
    }
    if (best) {
      const auto source = best->timeframe();
      auto signal = to_signal_bars(*best, timeframe);
      if (!signal) {
        return signal.error();
      }
      std::string note;
      if (source != timeframe) {
        note = "resampled from stored " + std::string(core::to_string(source)) + " bars";
      }
      if (!(stored_symbol == symbol)) {
        note = "from stored " + stored_symbol.str() + " bars" + (note.empty() ? "" : ", " + note);
      }
      return SignalBars{relabel(*signal, symbol), stored_symbol, source, std::move(note)};
    }
  }
  return SignalBars{BarSeries(symbol, timeframe), symbol, timeframe, ""};
}

core::Duration span_of_bars(core::AssetClass asset_class, core::Timeframe timeframe,
                            std::size_t count) {
  const auto span = core::duration(timeframe) * static_cast<std::int64_t>(count + 2);
  if (asset_class == core::AssetClass::crypto) {
    return span;
  }
  // 6.5 trading hours in 24, 5 days in 7, and up to four closed days in a row.
  return span * 24 * 7 / (6 * 5) + std::chrono::days{4};
}

} // namespace crew::data
