#pragma once
// SvgChart: a small line-chart renderer producing inline SVG text for the HTML backtest report,
// so the report needs no script and no network. The x axis is the bar index (equity sessions sit
// side by side without overnight gaps), labelled with dates. Long series are thinned to a
// min/max pair per pixel column, which keeps every spike visible.
#include "core/time.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
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

// The style the HTML pages with these charts share (the backtest report, crew report): page,
// headings, metric tiles and the chart classes render_svg_chart() emits. Each page adds its own
// table rules after it.
inline constexpr std::string_view k_report_page_style = R"(
body { font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; margin: 24px;
       color: #1d2330; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px 0; } h2 { font-size: 16px; margin: 20px 0 8px 0; }
.sub { color: #5b6475; margin-bottom: 16px; font-size: 13px; }
.metrics { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
           gap: 8px; margin-bottom: 16px; max-width: 1100px; }
.metric { border: 1px solid #dde1e8; border-radius: 6px; padding: 6px 10px; }
.metric .label { font-size: 11px; color: #5b6475; text-transform: uppercase; }
.metric .value { font-size: 17px; font-weight: 600; }
.chart { display: block; margin-bottom: 12px; border: 1px solid #eceff3; border-radius: 6px; }
.chart .grid { stroke: #eceff3; stroke-width: 1; }
.chart .ylabel { font-size: 11px; fill: #5b6475; text-anchor: end; }
.chart .xlabel { font-size: 11px; fill: #5b6475; }
.chart .title { font-size: 13px; font-weight: 600; fill: #1d2330; }
.chart .legend { font-size: 12px; }
td.win { color: #137333; } td.loss { color: #b3261e; }
)";

} // namespace crew::backtest
