#pragma once
// MarketData: the port through which the engine sees prices. In simulation it replays stored or
// synthetic bars up to the simulated clock (never a bar that has not completed by then); in dry
// run, paper and live it asks Alpaca's market-data API.
#include "core/bar.hpp"
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "core/timeframe.hpp"
#include "data/bar_series.hpp"

#include <map>
#include <string>
#include <vector>

namespace crew::broker {

class MarketData {
public:
  virtual ~MarketData() = default;

  // The last `count` bars of each symbol that completed at or before `now` (bar time +
  // timeframe ≤ now). Symbols without data are absent from the map.
  virtual core::Result<std::map<std::string, data::BarSeries>>
  completed_bars(const std::vector<core::Symbol>& symbols, core::Timeframe timeframe,
                 std::size_t count, core::UtcTime now) = 0;
  // The latest trade price known at `now` for each symbol (the close of the latest 1-minute or
  // signal bar in simulation).
  virtual core::Result<std::map<std::string, double>>
  latest_prices(const std::vector<core::Symbol>& symbols, core::UtcTime now) = 0;
};

} // namespace crew::broker
