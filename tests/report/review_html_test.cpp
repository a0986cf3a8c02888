#include "report/review_html.hpp"
#include "report_fixtures.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace crew;
using namespace crew::report;
using crew::report::test::at;
using crew::report::test::trade;

namespace {

Review sample_review() {
  Review r;
  r.from = at(0);
  r.to = at(2 * 86'400);
  r.trades = {trade("AAPL", "rsi", "120", 3600), trade("BTC/USD", "<script>", "-20", 7200)};
  r.equity = {{at(0), *core::parse_decimal("10000")},
              {at(3600), *core::parse_decimal("10120")},
              {at(7200), *core::parse_decimal("10100")}};
  r.start_equity = 10'000;
  r.end_equity = 10'100;
  r.total = trade_stats("all", r.trades, r.start_equity);
  r.by_market = stats_by_market(r.trades, r.start_equity);
  r.by_strategy = stats_by_strategy(r.trades, r.start_equity);
  r.operations.api_calls_by_day = {{at(0).day(), 100}, {at(86'400).day(), 50}};
  return r;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

} // namespace

TEST(ReviewHtml, IsOneSelfContainedPageWithChartsAndTables) {
  const auto html = render_html(sample_review());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  EXPECT_EQ(count(html, "<svg"), 4U); // equity, drawdown, cumulative P&L, API calls per day
  EXPECT_NE(html.find("Cumulative P&amp;L by trade"), std::string::npos);
  EXPECT_NE(html.find("<h2>By market</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>By strategy</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2>Trades (2)</h2>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos); // no script, and names are escaped
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos) << "no external resource";
  EXPECT_EQ(html.find("<link"), std::string::npos) << "no external resource";
}

TEST(ReviewHtml, WithoutTradesShowsNoPnlChart) {
  auto review = sample_review();
  review.trades.clear();
  review.by_market.clear();
  review.by_strategy.clear();
  review.total = trade_stats("all", {}, 10'000);
  review.operations.api_calls_by_day.resize(1);
  const auto html = render_html(review);
  EXPECT_EQ(count(html, "<svg"), 2U);
  EXPECT_NE(html.find("<h2>Trades (0)</h2>"), std::string::npos);
}

TEST(ReviewHtml, WritesTheFileCreatingItsDirectory) {
  crew::test::TempDir dir;
  const auto file = dir / "reports/week.html";
  ASSERT_TRUE(write_html("<html></html>", file).ok());
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "<html></html>");
  EXPECT_FALSE(write_html("x", dir.path()).ok()); // a directory is not a file
}
