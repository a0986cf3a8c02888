#include "dashboard/served_dashboard.hpp"
#include "state/stop_request.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace crew;
using namespace crew::dashboard;
using namespace crew::dashboard::test;
using nlohmann::json;

TEST(DashboardServer, EveryJsonEndpointAnswersFromTheStore) {
  Served s;
  EXPECT_EQ(s.get_json("/api/status")["current"]["market"], "US_EQUITY");
  EXPECT_EQ(s.get_json("/api/positions")["positions"].size(), 2U);
  EXPECT_EQ(s.get_json("/api/trades?limit=1")["trades"].size(), 1U);
  EXPECT_EQ(s.get_json("/api/trades?market=CRYPTO")["trades"][0]["symbol"], "ETH/USD");
  EXPECT_EQ(s.get_json("/api/equity")["points"].size(), 3U);
  EXPECT_EQ(s.get_json("/api/markets")["markets"].size(), 2U);
  EXPECT_EQ(s.get_json("/api/scan")["scan"]["ranked"][0]["symbol"], "AAPL");
  EXPECT_EQ(s.get_json("/api/risk")["max_open_positions"], 3);
  EXPECT_EQ(s.get_json("/api/alerts")["alerts"].size(), 2U);
  const auto candles = s.get_json("/api/candles?symbol=AAPL&timeframe=15Min");
  EXPECT_EQ(candles["candles"].size(), 8U);
  EXPECT_EQ(candles["markers"].size(), 1U);
}

TEST(DashboardServer, BadQueriesAre400AndUnknownPaths404) {
  Served s;
  const auto error = s.get_json("/api/candles?symbol=BTC/", 400)["error"].get<std::string>();
  EXPECT_TRUE(error.starts_with("symbol: ")) << error;
  s.get_json("/api/candles", 400);
  s.get_json("/api/trades?market=MOON", 400);
  EXPECT_EQ(s.get_json("/api/trades?limit=ten", 400)["error"],
            "limit: 'ten' is not a positive count");
  s.get_json("/api/alerts?limit=0", 400);
  s.get_json("/api/equity?points=-3", 400);
  s.get_json("/api/nothing", 404);
}

TEST(DashboardServer, HealthIsOkWhileTheLoopTicks) {
  Served s;
  const auto health = s.get_json("/health");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["last_loop_time"], "2026-03-04T14:59:30Z");
}

TEST(DashboardServer, HealthIs503WhenStale) {
  LiveSnapshot live{"paper", fixture_now(), core::AssetClass::us_equity, at("2026-03-04T14:50:00Z"),
                    at("2026-03-04T14:50:00Z")};
  Served s({}, [live] { return std::optional<LiveSnapshot>(live); });
  EXPECT_EQ(s.get_json("/health", 503)["status"], "stale");
}

TEST(DashboardServer, MetricsInPrometheusTextFormat) {
  Served s;
  auto res = s.client().Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(res->body.find("# TYPE crew_equity_usd gauge\ncrew_equity_usd 100250.5\n"),
            std::string::npos);
}

namespace {
const std::string k_token = "t0ken-for-tests";

httplib::Client authorized(const Served& s) {
  auto client = s.client();
  client.set_bearer_token_auth(k_token.c_str());
  return client;
}
} // namespace

TEST(DashboardServer, StopButtonHaltsInStoreAndStatusThenResumes) {
  Served s(k_token);
  const httplib::Headers same_origin = {{"Origin", "http://" + s.host()}};
  auto res =
      authorized(s).Post("/api/stop", same_origin, R"({"flatten": true})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["reason"], "dashboard stop --flatten");
  const auto status = s.get_json("/api/status");
  EXPECT_TRUE(status["halted"].get<bool>());
  EXPECT_EQ(status["halt_reason"], "dashboard stop --flatten");
  {
    auto store = open_state(s.dir / "state.db");
    EXPECT_TRUE(store.halt_state()->halted);
    EXPECT_EQ(**store.setting("stop.flatten"), "true");
    EXPECT_EQ((*store.last_event(state::EventKind::halt))->time, fixture_now());
  }
  res = authorized(s).Post("/api/resume", "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_FALSE(s.get_json("/api/status")["halted"].get<bool>());
}

TEST(DashboardServer, PostMustBeJsonFromItsOwnOrigin) {
  Served s(k_token);
  auto form = authorized(s).Post("/api/stop", "flatten=1", "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  auto foreign = authorized(s).Post("/api/stop", {{"Origin", "http://evil.example"}}, "{}",
                                    "application/json");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  auto cross_site =
      authorized(s).Post("/api/stop", {{"Sec-Fetch-Site", "cross-site"}}, "{}", "application/json");
  ASSERT_TRUE(cross_site);
  EXPECT_EQ(cross_site->status, 403);
  auto garbled = authorized(s).Post("/api/stop", "[1,", "application/json");
  ASSERT_TRUE(garbled);
  EXPECT_EQ(garbled->status, 400);
  auto not_bool = authorized(s).Post("/api/stop", R"({"flatten": "yes"})", "application/json");
  ASSERT_TRUE(not_bool);
  EXPECT_EQ(not_bool->status, 400);
  auto resume_with_keys =
      authorized(s).Post("/api/resume", R"({"flatten": true})", "application/json");
  ASSERT_TRUE(resume_with_keys);
  EXPECT_EQ(resume_with_keys->status, 400);
  EXPECT_FALSE(s.get_json("/api/status")["halted"].get<bool>());
}

TEST(DashboardServer, OnLoopbackReadingIsOpenAndPostsNeedTheBearerToken) {
  Served s(k_token);
  EXPECT_EQ(s.client().Get("/api/status")->status, 200);
  EXPECT_EQ(s.client().Get("/metrics")->status, 200);
  EXPECT_EQ(s.client().Get("/health")->status, 200);
  auto bare = s.client().Post("/api/stop", "{}", "application/json");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status, 401);
  EXPECT_EQ(bare->get_header_value("WWW-Authenticate"), "Bearer realm=\"tradingcrew\"");
  auto wrong = s.client();
  wrong.set_bearer_token_auth("t0ken-for-test");
  EXPECT_EQ(wrong.Post("/api/stop", "{}", "application/json")->status, 401);
  EXPECT_EQ(s.client().Post("/api/stop?token=" + k_token, "{}", "application/json")->status, 401);
  EXPECT_FALSE(s.halted());
  EXPECT_EQ(authorized(s).Post("/api/stop", "{}", "application/json")->status, 200);
  EXPECT_TRUE(s.halted());
}

TEST(DashboardServer, ThePageCarriesOnlyTheTokenItWasOpenedWith) {
  Served s(k_token);
  // Opened without a token, the page holds none: any local reader could fetch it.
  auto open = s.client().Get("/");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->status, 200);
  EXPECT_EQ(open->body.find(k_token), std::string::npos);
  EXPECT_NE(open->body.find("src=\"/app.js\""), std::string::npos);
  auto wrong = s.client().Get("/?token=not-the-token");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->body.find("not-the-token"), std::string::npos);
  // Opened with ?token= (as off loopback), its links carry that token on.
  auto page = s.client().Get("/?token=" + k_token);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("/app.js?token=" + k_token), std::string::npos);
  EXPECT_EQ(s.client().Get("/app.js?token=" + k_token)->status, 200);
  EXPECT_EQ(s.client().Get("/vendor/lightweight-charts.js?token=" + k_token)->status, 200);
}

TEST(DashboardServer, WithoutATokenNothingChangesState) {
  Served s;
  auto res = s.client().Post("/api/stop", "{}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_FALSE(s.halted());
  EXPECT_EQ(s.client().Get("/api/status")->status, 200);
}

TEST(DashboardServer, CheckHealthJudgesTheStoreWithoutServing) {
  crew::test::TempDir dir;
  {
    auto store = open_state(dir / "state.db");
    fill_state(store); // a paper session, last heartbeat 14:59:30
  }
  ServerSettings settings;
  settings.state_db = dir / "state.db";
  settings.config.scheduler.tick_seconds = 60;
  auto fresh = check_health(settings, fixture_now());
  ASSERT_TRUE(fresh.ok()) << fresh.error().message();
  EXPECT_TRUE(fresh->healthy);
  auto stale = check_health(settings, fixture_now() + std::chrono::minutes{10});
  ASSERT_TRUE(stale.ok());
  EXPECT_FALSE(stale->healthy);
  EXPECT_EQ(stale->body["status"], "stale");
  settings.state_db = dir / "missing.db";
  EXPECT_FALSE(check_health(settings, fixture_now()).ok());
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST(DashboardServer, PageScriptStyleAndVendorAreServed) {
  Served s;
  auto page = s.client().Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page->body.find("src=\"/app.js\""), std::string::npos);
  EXPECT_EQ(s.client().Get("/app.js")->status, 200);
  EXPECT_EQ(s.client().Get("/style.css")->status, 200);
  auto vendor = s.client().Get("/vendor/lightweight-charts.js");
  ASSERT_TRUE(vendor);
  EXPECT_EQ(vendor->status, 200);
  EXPECT_EQ(vendor->body, "window.LightweightCharts={};");
}

TEST(DashboardServer, MissingVendorScriptIs404) {
  Served s;
  std::filesystem::remove_all(s.dir / "vendor");
  EXPECT_EQ(s.client().Get("/vendor/lightweight-charts.js")->status, 404);
}

TEST(DashboardServer, NonLoopbackWithoutTokenIsRefused) {
  crew::test::TempDir dir;
  ServerSettings settings;
  settings.listen = ListenAddress{"0.0.0.0", 0};
  settings.state_db = dir / "state.db";
  auto server = DashboardServer::create(settings, [] { return fixture_now(); });
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.error().what.find("token"), std::string::npos);
}

TEST(DashboardServer, CreatesMissingStateFileAndServesItEmpty) {
  crew::test::TempDir dir;
  ServerSettings settings;
  settings.listen = ListenAddress{"127.0.0.1", 0};
  settings.state_db = dir / "new" / "state.db";
  auto started = start_background(settings, [] { return fixture_now(); });
  ASSERT_TRUE(started.ok()) << started.error().message();
  httplib::Client client("127.0.0.1", (*started)->port());
  auto res = client.Get("/api/status");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["mode"], "none");
  EXPECT_EQ(client.Get("/health")->status, 503);
  EXPECT_EQ(client.Get("/api/candles?symbol=AAPL")->status, 404);
}

TEST(DashboardServer, DestroyingTheBackgroundServerStopsIt) {
  auto s = std::make_unique<Served>();
  const int port = s->server->port();
  EXPECT_EQ(s->server->url(), "http://127.0.0.1:" + std::to_string(port) + "/");
  s->server.reset();
  httplib::Client client("127.0.0.1", port);
  EXPECT_FALSE(client.Get("/health"));
}
