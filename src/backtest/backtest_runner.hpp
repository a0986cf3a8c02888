#pragma once
// Runs a named strategy over a bar series: builds it through the strategy registry, prepares the
// bars, and calls the loop on the strategy's concrete type (one template instantiation per
// strategy, so on_bar inlines into the loop), then computes the metrics.
#include "backtest/backtest_engine.hpp"
#include "backtest/metrics.hpp"
#include "config/config.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace crew::backtest {

struct BacktestRun {
  std::string strategy; // canonical name
  std::vector<strategy::Parameter> parameters;
  PreparedBars input;
  BacktestResult result;
  Metrics metrics;
};

// Runs over bars already selected with prepare_bars (so several strategies can share them);
// the result's `input` stays empty, the caller holds the bars.
core::Result<BacktestRun> run_prepared_backtest(std::string_view strategy_name,
                                                const PreparedBars& input,
                                                const BacktestSettings& settings,
                                                const config::Config& config);

core::Result<BacktestRun> run_strategy_backtest(std::string_view strategy_name,
                                                const data::BarSeries& series,
                                                const BacktestSettings& settings,
                                                const config::Config& config);

// "fast_period=10, mid_period=20, …".
std::string format_parameters(const std::vector<strategy::Parameter>& parameters);

} // namespace crew::backtest
