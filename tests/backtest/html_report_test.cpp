#include "backtest/bar_builder.hpp"
#include "backtest/html_report.hpp"
#include "backtest/scripted_strategy.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace crew::backtest {
namespace {

struct Fixture {
  PreparedBars input;
  BacktestResult result;
  Metrics metrics;
};

Fixture sample() {
  BacktestSettings settings;
  settings.sizer = risk::PositionSizer{0.01, 1.0, 1e-9};
  Fixture f;
  f.input = prepare_bars(test::random_walk(500), settings);
  test::ScriptedStrategy strategy({50, 200, 400}, {120, 300}, 100.0); // stops far away
  f.result = run_backtest(strategy, f.input, settings);
  f.metrics = compute_metrics(f.result, f.input, settings);
  return f;
}

TEST(HtmlReport, IsOneSelfContainedPageWithChartsMetricsAndTrades) {
  const Fixture f = sample();
  ASSERT_EQ(f.result.trades.size(), 3U);
  const std::string html = render_html_report(
      {"BTC/USD", "3ma", "CRYPTO", "1Hour", "fast_period=10"}, f.input, f.result, f.metrics);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("3ma on BTC/USD"), std::string::npos);
  // Price, equity and drawdown charts, inline.
  std::size_t charts = 0;
  for (auto pos = html.find("<svg"); pos != std::string::npos; pos = html.find("<svg", pos + 1)) {
    ++charts;
  }
  EXPECT_EQ(charts, 3U);
  EXPECT_NE(html.find("Win rate"), std::string::npos);
  EXPECT_NE(html.find("Buy and hold"), std::string::npos);
  // Nothing is fetched: no scripts, no external stylesheets or images.
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://") == std::string::npos ||
                html.find("http://") == html.find("http://www.w3.org/2000/svg"),
            true);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  // One table row per trade plus the header.
  std::size_t rows = 0;
  for (auto pos = html.find("<tr>"); pos != std::string::npos; pos = html.find("<tr>", pos + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, 4U);
  EXPECT_NE(html.find(">end<"), std::string::npos);
}

TEST(HtmlReport, WritesTheFile) {
  const Fixture f = sample();
  ::crew::test::TempDir dir;
  const std::string html =
      render_html_report({"BTC/USD", "rsi", "CRYPTO", "1Hour", ""}, f.input, f.result, f.metrics);
  ASSERT_TRUE(write_html_report(html, dir / "report.html").ok());
  EXPECT_EQ(::crew::test::read_file(dir / "report.html"), html);
  EXPECT_FALSE(write_html_report(html, dir / "no" / "report.html").ok());
}

} // namespace
} // namespace crew::backtest
