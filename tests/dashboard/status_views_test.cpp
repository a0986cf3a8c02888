#include "dashboard/dashboard_fixtures.hpp"
#include "dashboard/status_views.hpp"

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
  ViewContext context(std::optional<LiveSnapshot> live = std::nullopt) {
    return make_view_context(store, settings, fixture_now(), std::move(live));
  }
};

} // namespace

TEST(StatusViews, StatusShowsMarketNextSwitchEquityAndHalt) {
  Filled f;
  auto context = f.context();
  auto status = status_view(context);
  ASSERT_TRUE(status.ok()) << status.error().message();
  const auto& s = *status;
  EXPECT_EQ(s["as_of"], "2026-03-04T15:00:00Z");
  EXPECT_EQ(s["mode"], "paper");
  EXPECT_FALSE(s["live"].get<bool>());
  EXPECT_EQ(s["current"]["market"], "US_EQUITY");
  EXPECT_EQ(s["current"]["scan_interval_seconds"], 300);
  // 5 minutes before the 16:00 New York close (EST): 20:55Z.
  EXPECT_EQ(s["next_switch"]["time"], "2026-03-04T20:55:00Z");
  EXPECT_EQ(s["next_switch"]["kind"], "close_us_positions");
  EXPECT_DOUBLE_EQ(s["next_switch"]["seconds"].get<double>(), 5 * 3600 + 55 * 60);
  EXPECT_EQ(s["equity"], "100250.5");
  EXPECT_FALSE(s["halted"].get<bool>());
  EXPECT_EQ(s["last_loop_time"], "2026-03-04T14:59:30Z");
  EXPECT_EQ(s["open_positions"], 2);
  EXPECT_EQ(s["trades"], 2);
  EXPECT_EQ(s["api_calls_24h"], 3);
}

TEST(StatusViews, LiveSnapshotDecidesNowMarketAndMode) {
  Filled f;
  LiveSnapshot live{"sim", at("2026-03-04T22:00:00Z"), core::AssetClass::crypto,
                    at("2026-03-04T21:59:00Z"), fixture_now()};
  auto context = f.context(live);
  auto status = status_view(context);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ((*status)["mode"], "sim");
  EXPECT_TRUE((*status)["live"].get<bool>());
  EXPECT_EQ((*status)["as_of"], "2026-03-04T22:00:00Z");
  EXPECT_EQ((*status)["current"]["market"], "CRYPTO");
  EXPECT_EQ((*status)["next_switch"]["kind"], "us_open");
  EXPECT_EQ((*status)["last_loop_time"], "2026-03-04T21:59:00Z");
}

TEST(StatusViews, StatusReportsHalt) {
  Filled f;
  ASSERT_TRUE(f.store.set_halted("crew stop", at("2026-03-04T14:58:00Z")).ok());
  auto context = f.context();
  auto status = status_view(context);
  EXPECT_TRUE((*status)["halted"].get<bool>());
  EXPECT_EQ((*status)["halt_reason"], "crew stop");
  EXPECT_EQ((*status)["halted_since"], "2026-03-04T14:58:00Z");
}

TEST(StatusViews, MarketsListsSessionsScoresAndSwitches) {
  Filled f;
  auto context = f.context();
  auto markets = markets_view(context);
  ASSERT_TRUE(markets.ok()) << markets.error().message();
  const auto& rows = (*markets)["markets"];
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0]["market"], "US_EQUITY");
  EXPECT_TRUE(rows[0]["open"].get<bool>());
  EXPECT_EQ(rows[0]["next_close"], "2026-03-04T21:00:00Z");
  EXPECT_EQ(rows[0]["trades"], 1);
  EXPECT_DOUBLE_EQ(rows[0]["win_rate"].get<double>(), 1.0);
  EXPECT_EQ(rows[1]["market"], "CRYPTO");
  EXPECT_TRUE(rows[1]["next_close"].is_null());
  EXPECT_DOUBLE_EQ(rows[1]["win_rate"].get<double>(), 0.0);
  ASSERT_EQ((*markets)["recent_switches"].size(), 1U);
  EXPECT_EQ((*markets)["recent_switches"][0]["text"], "CRYPTO -> US_EQUITY");
}

TEST(StatusViews, RiskComparesUseWithLimits) {
  Filled f;
  auto context = f.context();
  auto risk = risk_view(context);
  ASSERT_TRUE(risk.ok()) << risk.error().message();
  const auto& r = *risk;
  EXPECT_EQ(r["high_water_mark"], "101000");
  EXPECT_NEAR(r["drawdown"].get<double>(), 1.0 - 100250.5 / 101000.0, 1e-12);
  EXPECT_DOUBLE_EQ(r["max_drawdown"].get<double>(), 0.10);
  EXPECT_EQ(r["open_positions"], 2);
  EXPECT_EQ(r["max_open_positions"], 3);
  EXPECT_EQ(r["entries_today"], 2);
  EXPECT_EQ(r["open_orders"], 1);
  EXPECT_EQ(r["markets"][0]["market"], "US_EQUITY");
  EXPECT_EQ(r["markets"][0]["start_equity"], "100000");
  EXPECT_NEAR(r["markets"][0]["day_return"].get<double>(), 0.002505, 1e-9);
  EXPECT_TRUE(r["markets"][1]["start_equity"].is_null());
  ASSERT_EQ(r["recent_refusals"].size(), 1U);
}

TEST(StatusViews, HealthyWhenLastTickIsRecent) {
  Filled f;
  auto context = f.context();
  auto health = health_view(context);
  ASSERT_TRUE(health.ok());
  EXPECT_TRUE(health->healthy);
  EXPECT_EQ(health->body["status"], "ok");
  EXPECT_DOUBLE_EQ(health->body["last_loop_age_seconds"].get<double>(), 30.0);
}

TEST(StatusViews, StaleWhenLastTickIsOld) {
  Filled f;
  f.settings.stale_after = std::chrono::seconds{20};
  auto context = f.context();
  auto health = health_view(context);
  ASSERT_TRUE(health.ok());
  EXPECT_FALSE(health->healthy);
  EXPECT_EQ(health->body["status"], "stale");
}

TEST(StatusViews, SimulationWithoutLiveLoopIsNeverHealthy) {
  Filled f;
  ASSERT_TRUE(f.store.set_setting("session.mode", "sim", fixture_now()).ok());
  auto context = f.context();
  auto health = health_view(context);
  EXPECT_FALSE(health->healthy);
  EXPECT_TRUE(health->body["last_loop_age_seconds"].is_null());
  LiveSnapshot live{"sim", at("2030-01-01T00:00:00Z"), core::AssetClass::crypto,
                    at("2030-01-01T00:00:00Z"), fixture_now() - std::chrono::seconds{2}};
  auto live_context = f.context(live);
  auto live_health = health_view(live_context);
  EXPECT_TRUE(live_health->healthy);
  EXPECT_EQ(live_health->body["last_loop_time"], "2030-01-01T00:00:00Z");
}
