#include "backtest/svg_chart.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace crew::backtest {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

std::vector<core::UtcTime> hours(std::size_t n) {
  std::vector<core::UtcTime> times;
  for (std::size_t i = 0; i < n; ++i) {
    times.push_back(core::UtcTime::from_seconds(1'704'067'200 + 3600 * static_cast<long>(i)));
  }
  return times;
}

TEST(SvgChart, DrawsOneLinePerSeriesWithMarkersAndDateLabels) {
  const auto times = hours(4);
  ChartSpec spec;
  spec.title = "Price <close>";
  spec.times = times;
  spec.lines.push_back({{1.0, 2.0, 3.0, 2.5}, "#123456", "close", false});
  spec.markers.push_back({1, 2.0, true, "green", "buy"});
  spec.markers.push_back({3, 2.5, false, "red", "sell"});
  const std::string svg = render_svg_chart(spec);
  EXPECT_EQ(svg.rfind("<svg xmlns='http://www.w3.org/2000/svg'", 0), 0U);
  EXPECT_EQ(count(svg, "<polyline"), 1U);
  EXPECT_EQ(count(svg, "<path"), 2U);
  EXPECT_NE(svg.find("Price &lt;close&gt;"), std::string::npos);
  EXPECT_NE(svg.find("2024-01-01"), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
}

TEST(SvgChart, ThinsLongSeriesButKeepsTheirExtremes) {
  const auto times = hours(100'000);
  std::vector<double> values(times.size(), 1.0);
  values[54'321] = 50.0; // one spike must survive the thinning
  ChartSpec spec;
  spec.times = times;
  spec.lines.push_back({values, "#000", "", false});
  const std::string svg = render_svg_chart(spec);
  EXPECT_LT(svg.size(), 100'000U);
  EXPECT_NE(svg.find(">40<"), std::string::npos); // the axis reaches up to the spike
}

TEST(SvgChart, ShadesToZeroAndWritesPercentLabels) {
  const auto times = hours(3);
  ChartSpec spec;
  spec.times = times;
  spec.percent = true;
  spec.lines.push_back({{0.0, -0.1, -0.05}, "#b00", "", true});
  const std::string svg = render_svg_chart(spec);
  EXPECT_EQ(count(svg, "<polygon"), 1U);
  EXPECT_NE(svg.find("-10%"), std::string::npos);
}

TEST(SvgChart, SurvivesFlatAndEmptySeries) {
  ChartSpec flat;
  const auto times = hours(2);
  flat.times = times;
  flat.lines.push_back({{5.0, 5.0}, "#000", "", false});
  EXPECT_EQ(render_svg_chart(flat).find("nan"), std::string::npos);
  ChartSpec empty;
  EXPECT_NE(render_svg_chart(empty).find("</svg>"), std::string::npos);
}

TEST(SvgChart, EscapesHtml) {
  EXPECT_EQ(escape_html("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
}

} // namespace
} // namespace crew::backtest
