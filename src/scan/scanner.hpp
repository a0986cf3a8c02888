#pragma once
// Scanner: runs every strategy of an asset class over each symbol's completed bars as of an
// instant, drops what cannot or should not be traded (too few bars, no data, manipulation flags,
// no entry signal) with the reason, and ranks the rest by the opportunity score. It reads bars
// it is given: fetching and storing them is the caller's business.
#include "config/config.hpp"
#include "core/time.hpp"
#include "data/bar_series.hpp"
#include "scan/exclusion.hpp"
#include "scan/manipulation_filter.hpp"
#include "scan/opportunity_score.hpp"
#include "strategy/strategy.hpp"

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace crew::scan {

// Fresh strategies for one symbol, best first (the registry's ranking for the asset class).
using StrategyFactory = std::function<std::vector<std::unique_ptr<strategy::Strategy>>()>;

struct ScanInput {
  std::string symbol;   // as the user or the universe named it
  data::BarSeries bars; // empty: no data
};

// What a scan does with a symbol the manipulation filter flagged (design.md section 7). `excluded`
// leaves it out of the ranking (`crew scan`, which places no order); `ranked` ranks it as any
// other, marked with the flag, so that the loop's risk rule refuses its entry and records why.
enum class FlaggedSymbols { excluded, ranked };

struct Opportunity {
  std::string symbol;
  std::string strategy;           // the best-ranked strategy whose entry fired
  std::vector<std::string> fired; // every strategy whose entry fired, best first
  std::string reason;             // the strategy's own reason for the signal
  core::UtcTime bar_time;         // open time of the scan bar
  double close = 0;
  // The strategy's ATR at the scan bar, on the bars the scan saw: the entry's stop distance is
  // made from it (risk::stop_distance) without fetching or evaluating anything again.
  double atr = std::numeric_limits<double>::quiet_NaN();
  double score = 0;
  ScoreParts parts;
  std::string flag; // the manipulation filter's flag when ranked despite it ("" when none)
};

struct ScanResult {
  core::AssetClass market = core::AssetClass::crypto;
  core::UtcTime at;
  std::vector<Opportunity> ranked; // every opportunity, best first
  std::vector<Exclusion> excluded; // in input order
  // Every symbol the manipulation filter flagged, with the reason (excluded or ranked).
  std::map<std::string, std::string> flagged;
};

class Scanner {
public:
  Scanner(core::AssetClass market, config::AssetProfile profile,
          config::ManipulationConfig manipulation, StrategyFactory strategies,
          FlaggedSymbols flagged = FlaggedSymbols::excluded);

  // Scans as of `at`: the scan bar of a symbol is its latest bar that completed at or before
  // `at` (time + timeframe ≤ at); later bars are ignored.
  ScanResult scan(std::span<const ScanInput> inputs, core::UtcTime at) const;

  // Bars to read per symbol so the strategies and the filter are warmed up.
  std::size_t bars_wanted() const;

private:
  core::AssetClass m_market;
  config::AssetProfile m_profile;
  ManipulationFilter m_filter;
  StrategyFactory m_strategies;
  FlaggedSymbols m_flagged;
};

} // namespace crew::scan
