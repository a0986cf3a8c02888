#pragma once
// SimMarketData: the MarketData port over bars held in memory (read from the bar store or made by
// the synthetic generator) and over BarStreams (the finer fill bars, read a window at a time as
// the clock advances, so a session's memory does not grow with its length). It never shows a bar
// that has not completed by `now`, so the simulated loop sees exactly what a live one would have
// seen at that instant.
#include "broker/market_data.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crew::engine {

// One series of bars with open times in [begin, end), held a window at a time: reading moves the
// window forward as the asked times advance (and back, by re-reading, when asked for an earlier
// time), so only one window of bars (plus the last bar before it) is in memory at once.
class BarStream {
public:
  // The bars with open time in [from, to), in time order, labelled with the stream's symbol.
  using Reader = std::function<core::Result<data::BarSeries>(core::UtcTime from, core::UtcTime to)>;

  static constexpr core::Duration k_default_window = std::chrono::days{1};

  BarStream(core::Symbol symbol, core::Timeframe timeframe, core::UtcTime begin, core::UtcTime end,
            Reader read, core::Duration window = k_default_window);
  // Bars already in memory: one window holding all of them.
  explicit BarStream(data::BarSeries bars);

  const core::Symbol& symbol() const { return m_symbol; }
  core::Timeframe timeframe() const { return m_timeframe; }

  // Calls `visit` with every bar whose open time is in [from, to), oldest first.
  core::Status for_each(core::UtcTime from, core::UtcTime to,
                        const std::function<void(const core::Bar&)>& visit);
  // The last bar whose open time is before `t`; nullopt when none is.
  core::Result<std::optional<core::Bar>> last_before(core::UtcTime t);

private:
  // Makes the window holding `t` (begin ≤ t < end) the current one.
  core::Status seek(core::UtcTime t);
  std::int64_t window_of(core::UtcTime t) const;
  core::Result<data::BarSeries> read_window(std::int64_t k) const;

  core::Symbol m_symbol;
  core::Timeframe m_timeframe;
  core::UtcTime m_begin;
  core::UtcTime m_end;
  Reader m_read;
  core::Duration m_window;
  // The current window (index, bars) and the last bar before it when known.
  std::int64_t m_k = -1;
  data::BarSeries m_bars;
  std::optional<core::Bar> m_before;
  bool m_before_known = false;
};

class SimMarketData final : public broker::MarketData {
public:
  // Every series given (any symbols, any timeframes); latest_prices uses the finest one, among
  // the series and the streams.
  explicit SimMarketData(std::vector<data::BarSeries> series,
                         std::vector<std::shared_ptr<BarStream>> streams = {});

  core::Result<std::map<std::string, data::BarSeries>>
  completed_bars(const std::vector<core::Symbol>& symbols, core::Timeframe timeframe,
                 std::size_t count, core::UtcTime now) override;
  core::Result<std::map<std::string, double>>
  latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime now) override;

private:
  using Key = std::pair<std::string, int>; // symbol text, timeframe minutes
  std::map<Key, data::BarSeries> m_series;
  std::map<Key, std::shared_ptr<BarStream>> m_streams;
};

// Index one past the last bar of `bars` completed at `now` (time + timeframe ≤ now).
std::size_t completed_end(const data::BarSeries& bars, core::UtcTime now);
// The first open time whose bar of `timeframe` has not completed at `now`.
core::UtcTime first_incomplete(core::Timeframe timeframe, core::UtcTime now);

} // namespace crew::engine
