#pragma once
// Baseline statistics of stored series (the 24/7 plan's "baseline indicators"): how much data
// there is, the latest ATR(14), annualised volatility and the correlation of returns between
// symbols. Used by `crew data stats`; whole-sample figures, not streaming ones.
#include "core/asset_class.hpp"
#include "core/timeframe.hpp"
#include "data/bar_series.hpp"

#include <span>
#include <vector>

namespace crew::scan {

struct SeriesStats {
  std::size_t bars = 0;
  double last_atr14 = 0;        // NaN with fewer than 15 bars
  double annual_volatility = 0; // sample std of log returns · √bars_per_year; NaN below 3 bars
};

// Bars per year of a timeframe: 365·24·60/minutes for crypto (and forex), 252·⌈390/minutes⌉ for
// US equities (design.md section 6), capped at 252 for daily equity bars.
double bars_per_year(core::AssetClass asset_class, core::Timeframe timeframe);

SeriesStats series_stats(const data::BarSeries& bars);

// Pearson correlation of log returns on common timestamps for every pair; the diagonal is 1.
std::vector<std::vector<double>> correlation_matrix(std::span<const data::BarSeries> series);

} // namespace crew::scan
