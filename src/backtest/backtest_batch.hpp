#pragma once
// BacktestBatch: every strategy on every series, spread over a pool of std::threads (one job per
// series × strategy, handed out through an atomic counter). Results come back in job order, so
// the output does not depend on the thread count. For `crew backtest --all`.
#include "backtest/metrics.hpp"
#include "config/config.hpp"
#include "core/symbol.hpp"
#include "data/bar_series.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace crew::backtest {

struct BatchRow {
  core::Symbol symbol;
  std::string strategy;
  Metrics metrics;
  std::string error; // non-empty when this job could not run
};

struct BatchOptions {
  core::UtcTime start = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::min());
  core::UtcTime end = core::UtcTime::from_ns(std::numeric_limits<std::int64_t>::max());
  unsigned threads = 0; // 0: std::thread::hardware_concurrency()
};

// Backtests each of `strategies` on each of `series` (settings from `config` for the series'
// asset class and timeframe), rows ordered by series then strategy.
std::vector<BatchRow> run_batch(std::span<const data::BarSeries> series,
                                std::span<const std::string_view> strategies,
                                const config::Config& config, const BatchOptions& options);

} // namespace crew::backtest
