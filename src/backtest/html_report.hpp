#pragma once
// HtmlReport: one self-contained HTML page for a backtest — price chart with entries and exits,
// equity curve beside buy-and-hold, drawdown, the metrics and the trade list. Inline SVG and CSS
// only: no script, no network, so it opens anywhere and can be archived as is.
#include "backtest/backtest_engine.hpp"
#include "backtest/metrics.hpp"
#include "core/result.hpp"

#include <filesystem>
#include <string>

namespace crew::backtest {

struct ReportHeader {
  std::string symbol;
  std::string strategy;
  std::string asset_class;
  std::string timeframe;
  std::string parameters; // "fast_period=10, …"
};

std::string render_html_report(const ReportHeader& header, const PreparedBars& input,
                               const BacktestResult& result, const Metrics& metrics);
core::Status write_html_report(const std::string& html, const std::filesystem::path& file);

} // namespace crew::backtest
