#include "dashboard/dashboard_fixtures.hpp"
#include "dashboard/record_views.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::dashboard;
using namespace crew::dashboard::test;

namespace {

struct Filled {
  crew::test::TempDir dir;
  state::StateStore store = open_state(dir / "state.db");
  ServerSettings settings;
  Filled() { fill_state(store); }
  ViewContext context() { return make_view_context(store, settings, fixture_now(), std::nullopt); }
};

} // namespace

TEST(RecordViews, PositionsCarryBrokerFieldsStrategyAndStop) {
  Filled f;
  auto context = f.context();
  auto positions = positions_view(context);
  ASSERT_TRUE(positions.ok()) << positions.error().message();
  const auto& rows = (*positions)["positions"];
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["symbol"], "AAPL");
  EXPECT_EQ(rows[0]["market"], "US_EQUITY");
  EXPECT_EQ(rows[0]["qty"], "10");
  EXPECT_EQ(rows[0]["avg_entry_price"], "180");
  EXPECT_EQ(rows[0]["unrealized_pl"], "25");
  EXPECT_EQ(rows[0]["stop_price"], "170");
  EXPECT_EQ(rows[0]["strategy"], "macd");
  EXPECT_EQ(rows[1]["symbol"], "BTC/USD");
}

TEST(RecordViews, TradesNewestFirstWithLimitAndMarketFilter) {
  Filled f;
  auto context = f.context();
  auto all = trades_view(context, 100);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)["total"], 2);
  ASSERT_EQ((*all)["trades"].size(), 2U);
  EXPECT_EQ((*all)["trades"][0]["symbol"], "ETH/USD");
  EXPECT_EQ((*all)["trades"][0]["pnl"], "-20.25");
  EXPECT_EQ((*all)["trades"][1]["exit_reason"], "signal");
  auto one = trades_view(context, 1);
  EXPECT_EQ((*one)["trades"].size(), 1U);
  auto us = trades_view(context, 100, core::AssetClass::us_equity);
  ASSERT_EQ((*us)["trades"].size(), 1U);
  EXPECT_EQ((*us)["trades"][0]["symbol"], "AAPL");
}

TEST(RecordViews, EquityCurveFromHistory) {
  Filled f;
  auto context = f.context();
  auto equity = equity_view(context, 1000);
  ASSERT_TRUE(equity.ok());
  EXPECT_EQ((*equity)["source"], "history");
  ASSERT_EQ((*equity)["points"].size(), 3U);
  EXPECT_EQ((*equity)["points"][2]["equity"], "100250.5");
  EXPECT_EQ((*equity)["points"][0]["time"], "2026-03-04T14:30:00Z");
}

TEST(RecordViews, EquityCurveFromTradesWhenNoHistory) {
  crew::test::TempDir dir;
  auto store = open_state(dir / "state.db");
  ServerSettings settings;
  const auto t0 = at("2026-03-04T14:00:00Z");
  ASSERT_TRUE(store.set_setting("account.equity", "1100", t0).ok());
  ASSERT_TRUE(
      store.insert_trade(trade("AAPL", "2026-03-03T15:00:00Z", "2026-03-03T16:00:00Z", "150"))
          .ok());
  ASSERT_TRUE(
      store.insert_trade(trade("MSFT", "2026-03-03T17:00:00Z", "2026-03-03T18:00:00Z", "-50"))
          .ok());
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  auto equity = equity_view(context, 1000);
  ASSERT_TRUE(equity.ok()) << equity.error().message();
  EXPECT_EQ((*equity)["source"], "trades");
  const auto& points = (*equity)["points"];
  ASSERT_EQ(points.size(), 4U);
  EXPECT_EQ(points[0]["equity"], "1000");
  EXPECT_EQ(points[1]["equity"], "1150");
  EXPECT_EQ(points[2]["equity"], "1100");
  EXPECT_EQ(points[3]["time"], "2026-03-04T15:00:00Z");
}

TEST(RecordViews, EquityOfEmptyStoreHasNoPoints) {
  crew::test::TempDir dir;
  auto store = open_state(dir / "state.db");
  ServerSettings settings;
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  auto equity = equity_view(context, 1000);
  ASSERT_TRUE(equity.ok());
  EXPECT_EQ((*equity)["source"], "none");
  EXPECT_TRUE((*equity)["points"].empty());
}

TEST(RecordViews, LatestScanWithRankedResults) {
  Filled f;
  auto context = f.context();
  auto scan = scan_view(context);
  ASSERT_TRUE(scan.ok());
  const auto& s = (*scan)["scan"];
  EXPECT_EQ(s["market"], "US_EQUITY");
  EXPECT_EQ(s["symbols_scanned"], 20);
  EXPECT_EQ(s["signals"], 2);
  EXPECT_EQ(s["ranked"][0]["symbol"], "AAPL");
  EXPECT_DOUBLE_EQ(s["ranked"][0]["score"].get<double>(), 0.82);
}

TEST(RecordViews, AlertsNewestFirstOnlyAlerts) {
  Filled f;
  auto context = f.context();
  auto alerts = alerts_view(context, 50);
  ASSERT_TRUE(alerts.ok());
  EXPECT_EQ((*alerts)["total"], 2);
  EXPECT_EQ((*alerts)["alerts"][0]["text"], "loop \"stalled\" for 5 minutes");
  EXPECT_TRUE((*alerts)["alerts"][0]["market"].is_null());
  EXPECT_EQ((*alerts)["alerts"][1]["market"], "US_EQUITY");
}
