#pragma once
// SvgChart: a small line-chart renderer producing inline SVG text for the HTML backtest report,
// so the report needs no script and no network. The x axis is the bar index (equity sessions sit
// side by side without overnight gaps), labelled with dates. Long series are thinned to a
// min/max pair per pixel column, which keeps every spike visible.
#include "core/time.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace crew::backtest {

struct ChartLine {
  std::vector<double> values; // one per bar; NaN leaves a gap
  std::string colour;
  std::string label;
  bool fill_to_zero = false; // shade between the line and 0 (drawdown)
};

struct ChartMarker {
  std::size_t index = 0; // bar index
  double value = 0;
  bool up = true; // ▲ below the price for entries, ▼ above it for exits
  std::string colour;
  std::string title; // tooltip text
};

struct ChartSpec {
  std::string title;
  int width = 1100;
  int height = 300;
  bool percent = false; // y labels as percent of a fraction
  std::span<const core::UtcTime> times;
  std::vector<ChartLine> lines;
  std::vector<ChartMarker> markers;
};

std::string render_svg_chart(const ChartSpec& spec);

// Escapes &, <, >, " and ' for HTML and SVG text.
std::string escape_html(std::string_view text);

} // namespace crew::backtest
