#include "dashboard/dashboard_fixtures.hpp"
#include "dashboard/prometheus_metrics.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

using namespace crew;
using namespace crew::dashboard;
using namespace crew::dashboard::test;

namespace {

std::string metrics_of_filled_store(crew::test::TempDir& dir) {
  auto store = open_state(dir / "state.db");
  fill_state(store);
  ServerSettings settings;
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  auto text = prometheus_metrics(context);
  EXPECT_TRUE(text.ok());
  return text.ok() ? *text : std::string();
}

} // namespace

TEST(PrometheusMetrics, ReportsTheLoopsVitalNumbers) {
  crew::test::TempDir dir;
  const auto text = metrics_of_filled_store(dir);
  for (const char* line :
       {"crew_equity_usd 100250.5\n", "crew_open_positions 2\n",
        "crew_trades_total{market=\"US_EQUITY\"} 1\n", "crew_trades_total{market=\"CRYPTO\"} 1\n",
        "crew_orders{status=\"filled\"} 1\n", "crew_orders{status=\"intent\"} 1\n",
        "crew_api_calls_total 3\n", "crew_api_calls_24h 3\n", "crew_halted 0\n",
        "crew_last_loop_age_seconds 30\n", "crew_alerts_total 2\n",
        "crew_unrealized_pnl_usd{symbol=\"BTC/USD\"} 25\n"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
  }
}

TEST(PrometheusMetrics, FollowsTheTextExpositionFormat) {
  crew::test::TempDir dir;
  const auto text = metrics_of_filled_store(dir);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const std::regex help(R"(# HELP [a-z][a-z0-9_]* .+)");
  const std::regex type(R"(# TYPE ([a-z][a-z0-9_]*) (gauge|counter))");
  const std::regex sample(R"(([a-z][a-z0-9_]*)(\{[a-z_]+="(\\.|[^"\\])*"\})? -?[0-9.e+-]+)");
  std::set<std::string> typed;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_match(line, m, type)) {
      EXPECT_TRUE(typed.insert(m[1]).second) << "TYPE twice: " << line;
      if (m[2] == "counter") {
        EXPECT_TRUE(m[1].str().ends_with("_total")) << line;
      }
    } else if (std::regex_match(line, m, sample)) {
      EXPECT_TRUE(typed.contains(m[1])) << "sample before its TYPE: " << line;
    } else {
      EXPECT_TRUE(std::regex_match(line, help)) << "not a metric line: " << line;
    }
  }
}

TEST(PrometheusMetrics, HaltIsOne) {
  crew::test::TempDir dir;
  auto store = open_state(dir / "state.db");
  ASSERT_TRUE(store.set_halted("drawdown", fixture_now()).ok());
  ServerSettings settings;
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  auto text = prometheus_metrics(context);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("crew_halted 1\n"), std::string::npos);
  EXPECT_EQ(text->find("\ncrew_last_loop_age_seconds "), std::string::npos);
}

TEST(PrometheusMetrics, EscapesLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(escape_label_value("BTC/USD"), "BTC/USD");
}
