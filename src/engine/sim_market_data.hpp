#pragma once
// SimMarketData: the MarketData port over bars held in memory (read from the bar store or made by
// the synthetic generator). It never shows a bar that has not completed by `now`, so the
// simulated loop sees exactly what a live one would have seen at that instant.
#include "broker/market_data.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace crew::engine {

class SimMarketData final : public broker::MarketData {
public:
  // Every series given (any symbols, any timeframes); latest_prices uses the finest one.
  explicit SimMarketData(std::vector<data::BarSeries> series);

  core::Result<std::map<std::string, data::BarSeries>>
  completed_bars(const std::vector<core::Symbol>& symbols, core::Timeframe timeframe,
                 std::size_t count, core::UtcTime now) override;
  core::Result<std::map<std::string, double>>
  latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime now) override;

private:
  using Key = std::pair<std::string, int>; // symbol text, timeframe minutes
  std::map<Key, data::BarSeries> m_series;
};

// Index one past the last bar of `bars` completed at `now` (time + timeframe ≤ now).
std::size_t completed_end(const data::BarSeries& bars, core::UtcTime now);

} // namespace crew::engine
