#include "report/review_text.hpp"
#include "report_fixtures.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace crew;
using namespace crew::report;
using crew::report::test::at;
using crew::report::test::trade;

namespace {

Review sample_review() {
  Review r;
  r.from = at(0);
  r.to = at(86'400);
  r.trades = {trade("AAPL", "rsi", "120", 3600), trade("BTC/USD", "macd", "-20", 7200)};
  r.equity = {{at(0), *core::parse_decimal("10000")},
              {at(3600), *core::parse_decimal("10120")},
              {at(7200), *core::parse_decimal("10100")}};
  r.start_equity = 10'000;
  r.end_equity = 10'100;
  r.max_drawdown_fraction = 20.0 / 10'120.0;
  r.total = trade_stats("all", r.trades, r.start_equity);
  r.by_market = stats_by_market(r.trades, r.start_equity);
  r.by_strategy = stats_by_strategy(r.trades, r.start_equity);
  r.operations.api_calls = 288;
  r.operations.api_quota_fraction = 0.001;
  r.operations.api_calls_by_day = {{at(0).day(), 288}};
  r.operations.uptime = 1.0;
  r.operations.monitored_from = at(0);
  r.operations.heartbeats = 1440;
  r.operations.longest_gap = std::chrono::seconds{60};
  return r;
}

} // namespace

TEST(ReviewText, ShowsTotalsPerMarketPerStrategyAndOperations) {
  const auto text = render_text(sample_review());
  EXPECT_EQ(text.rfind("Report from 2026-11-18T11:06:40Z to 2026-11-19T11:06:40Z\n", 0), 0U)
      << text;
  EXPECT_NE(text.find("Equity 10000.00 -> 10100.00 (+1.00%), max drawdown 0.20% (estimated from "
                      "closed trades)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("all               2    50.0%    6.00       100.00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("  US_EQUITY       1   100.0%     inf       120.00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("  macd            1     0.0%    0.00       -20.00"), std::string::npos)
      << text;
  EXPECT_NE(text.find("best trade   AAPL US_EQUITY (rsi, 2026-11-18T12:06:40Z) 100 -> 101, pnl "
                      "120, exit signal"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("API calls        288 (0.10% of the quota)"), std::string::npos) << text;
  EXPECT_NE(text.find("uptime           100.0% since 2026-11-18T11:06:40Z (1440 heartbeats, "
                      "longest gap 60 s)"),
            std::string::npos)
      << text;
}

TEST(ReviewText, SaysWhenTheLoopDidNotRun) {
  auto review = sample_review();
  review.operations.uptime.reset();
  EXPECT_NE(render_text(review).find("uptime           - (the loop did not run in this period)"),
            std::string::npos);
}

TEST(ReviewJson, HasTheKeysScriptsRead) {
  const auto json = nlohmann::json::parse(to_json(sample_review()));
  EXPECT_EQ(json.at("from"), "2026-11-18T11:06:40Z");
  EXPECT_EQ(json.at("total").at("trades"), 2);
  EXPECT_DOUBLE_EQ(json.at("total").at("win_rate_pct").get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(json.at("total").at("profit_factor").get<double>(), 6.0);
  EXPECT_EQ(json.at("by_market").at(0).at("name"), "US_EQUITY");
  EXPECT_TRUE(json.at("by_market").at(0).at("profit_factor").is_null()); // infinite
  EXPECT_EQ(json.at("by_strategy").size(), 2U);
  EXPECT_EQ(json.at("total").at("best").at("symbol"), "AAPL");
  EXPECT_EQ(json.at("total").at("worst").at("symbol"), "BTC/USD");
  EXPECT_EQ(json.at("operations").at("api_calls"), 288);
  EXPECT_DOUBLE_EQ(json.at("operations").at("uptime_pct").get<double>(), 100.0);
  EXPECT_EQ(json.at("operations").at("api_calls_by_day").at(0).at("day"), "2026-11-18");
  EXPECT_FALSE(json.at("equity").at("recorded").get<bool>());
}

TEST(ReviewJson, UptimeIsNullWhenTheLoopDidNotRun) {
  auto review = sample_review();
  review.operations.uptime.reset();
  EXPECT_TRUE(nlohmann::json::parse(to_json(review)).at("operations").at("uptime_pct").is_null());
}
