#pragma once
// The Review as one self-contained HTML page (`crew report --html OUT`): equity and drawdown,
// cumulative P&L per market, API calls per day, the tables of the text report and the trade list.
// Inline SVG (backtest/svg_chart.hpp) and CSS only: no script, no network, archivable as is.
#include "core/result.hpp"
#include "report/review.hpp"

#include <filesystem>
#include <string>

namespace crew::report {

std::string render_html(const Review& review);
// Writes `html` to `file` (creating its directory); an error names the file.
core::Status write_html(const std::string& html, const std::filesystem::path& file);

} // namespace crew::report
