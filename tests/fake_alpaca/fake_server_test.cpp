// FakeServer on loopback, driven through crew_alpaca's real client (CurlTransport): the two must
// agree on paths, paging, auth and errors.
#include "alpaca/curl_transport.hpp"
#include "alpaca/json_mapping.hpp"
#include "alpaca/market_data_client.hpp"
#include "fake_server.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace crew::fake_alpaca {
namespace {

using namespace std::chrono_literals;

std::string hourly_csv(int bars, double base) {
  std::string csv = "timestamp,open,high,low,close,volume\n";
  for (int i = 0; i < bars; ++i) {
    const auto t = core::UtcTime::from_seconds(1'704'067'200 + i * 3600);
    const double open = base + i;
    csv += core::format_rfc3339(t) + "," + std::to_string(open) + "," + std::to_string(open + 1) +
           "," + std::to_string(open - 1) + "," + std::to_string(open) + ",10\n";
  }
  return csv;
}

class FakeServerTest : public ::testing::Test {
protected:
  void start(ServerOptions options) {
    std::filesystem::create_directories(m_dir / "crypto/1h");
    std::filesystem::create_directories(m_dir / "us_equity/1h");
    m_dir.write("crypto/1h/BTC-USD.csv", hourly_csv(7, 100));
    m_dir.write("crypto/1h/ETH-USD.csv", hourly_csv(5, 10));
    m_dir.write("us_equity/1h/AAPL.csv", hourly_csv(3, 180));
    auto source = BarSource::load_directory(m_dir.path());
    ASSERT_TRUE(source) << source.error().message();
    options.keys = std::pair<std::string, std::string>{"ID", "SECRET"};
    m_server = std::make_unique<FakeServer>(options, std::move(source).value());
    const auto port = m_server->bind();
    ASSERT_TRUE(port.has_value());
    m_url = "http://127.0.0.1:" + std::to_string(*port);
    m_thread = std::thread([this] { m_server->listen(); });
  }
  void TearDown() override {
    m_transport.reset(); // closes the kept-alive connection, so the server stops at once
    if (m_server) {
      m_server->stop();
    }
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }
  alpaca::ApiClient client(const std::string& secret = "SECRET", int retries = 3) {
    return alpaca::ApiClient(*m_transport, nullptr, {m_url, 5000ms, {retries, 1ms, 20ms}, 3},
                             {"ID", secret}, [](std::chrono::nanoseconds) {});
  }

  crew::test::TempDir m_dir;
  std::unique_ptr<FakeServer> m_server;
  std::thread m_thread;
  std::string m_url;
  std::unique_ptr<alpaca::CurlTransport> m_transport = std::make_unique<alpaca::CurlTransport>();
};

alpaca::BarsRequest all_of(std::vector<std::string> symbols, int limit) {
  alpaca::BarsRequest request;
  request.symbols = std::move(symbols);
  request.timeframe = core::Timeframe::hour1;
  request.start = *core::parse_rfc3339("2024-01-01T00:00:00Z");
  request.end = *core::parse_rfc3339("2024-01-02T00:00:00Z");
  request.limit = limit;
  return request;
}

TEST_F(FakeServerTest, PagesAcrossSymbolsWithALimitCountingAllBars) {
  start({});
  auto api = client();
  alpaca::MarketDataClient market(api, api);
  std::vector<std::size_t> page_sizes;
  std::map<std::string, std::size_t> counts;
  auto done = market.bars(core::AssetClass::crypto, all_of({"ETH/USD", "BTC/USD", "AAPL"}, 4),
                          [&](const alpaca::BarsPage& page) -> core::Status {
                            std::size_t n = 0;
                            for (const auto& [symbol, bars] : page.bars) {
                              n += bars.size();
                              counts[symbol] += bars.size();
                            }
                            page_sizes.push_back(n);
                            return {};
                          });
  ASSERT_TRUE(done) << done.error().message();
  EXPECT_EQ(page_sizes, (std::vector<std::size_t>{4, 4, 4}));
  EXPECT_EQ(counts["BTC/USD"], 7U);
  EXPECT_EQ(counts["ETH/USD"], 5U);
  EXPECT_EQ(counts.count("AAPL"), 0U); // a stock on the crypto path is absent
}

TEST_F(FakeServerTest, TreatsStartAndEndAsInclusive) {
  start({});
  auto api = client();
  alpaca::MarketDataClient market(api, api);
  auto request = all_of({"BTC/USD"}, 1000);
  request.start = *core::parse_rfc3339("2024-01-01T01:00:00Z");
  request.end = *core::parse_rfc3339("2024-01-01T03:00:00Z");
  auto bars = market.bars(core::AssetClass::crypto, request);
  ASSERT_TRUE(bars) << bars.error().message();
  ASSERT_EQ(bars->at("BTC/USD").size(), 3U);
  EXPECT_EQ(bars->at("BTC/USD").front().time, request.start);
  EXPECT_EQ(bars->at("BTC/USD").back().time, request.end);
}

TEST_F(FakeServerTest, AnswersWrongKeysWith401AndTheDocumentedBody) {
  start({});
  auto api = client("WRONG");
  auto response = api.send(alpaca::HttpMethod::get, "/v2/assets");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->status, 401);
  auto body = alpaca::parse_error_body(response->body, "401");
  ASSERT_TRUE(body);
  EXPECT_EQ(body->code, 40110000);
}

TEST_F(FakeServerTest, RefusesOverTheRateLimitWithHeaders) {
  ServerOptions options;
  options.rate_limit = 2;
  start(options);
  auto api = client("SECRET", 0);
  EXPECT_EQ(api.send(alpaca::HttpMethod::get, "/v2/clock")->status, 200);
  auto second = api.send(alpaca::HttpMethod::get, "/v2/clock");
  EXPECT_EQ(second->header("X-RateLimit-Remaining"), "0");
  auto third = api.send(alpaca::HttpMethod::get, "/v2/clock");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->status, 429);
  EXPECT_EQ(third->header("X-RateLimit-Limit"), "2");
  EXPECT_TRUE(third->header("X-RateLimit-Reset").has_value());
  EXPECT_EQ(alpaca::parse_error_body(third->body, "429")->code, 42910000);
}

TEST_F(FakeServerTest, ServesAssetsClockAndCalendarInAlpacaShapes) {
  start({});
  auto api = client();
  alpaca::MarketDataClient market(api, api);
  auto assets = market.assets({"active", "crypto"});
  ASSERT_TRUE(assets) << assets.error().message();
  ASSERT_EQ(assets->size(), 2U);
  EXPECT_TRUE(assets->at(0).min_order_size.has_value());
  auto clock = api.get("/v2/clock");
  ASSERT_TRUE(clock);
  EXPECT_TRUE(alpaca::parse_clock(clock->body, "/v2/clock"));
  auto calendar = api.get("/v2/calendar", {{"start", "2024-11-25"}, {"end", "2024-11-29"}});
  ASSERT_TRUE(calendar);
  auto days = alpaca::parse_calendar(calendar->body, "/v2/calendar");
  ASSERT_TRUE(days) << days.error().message();
  ASSERT_EQ(days->size(), 4U); // Thanksgiving is absent
  EXPECT_EQ(days->back().close, std::chrono::minutes{13 * 60});
}

TEST_F(FakeServerTest, InjectedFaultsAreRetriedAway) {
  ServerOptions options;
  options.faults = {.fail_rate = 0.3, .drop_rate = 0.1, .malformed_rate = 0.1, .seed = 11};
  start(options);
  auto api = client("SECRET", 12);
  alpaca::MarketDataClient market(api, api);
  for (int i = 0; i < 10; ++i) {
    auto bars = market.bars(core::AssetClass::crypto, all_of({"BTC/USD", "ETH/USD"}, 3));
    ASSERT_TRUE(bars) << bars.error().message();
    EXPECT_EQ(bars->at("BTC/USD").size(), 7U);
    EXPECT_EQ(bars->at("ETH/USD").size(), 5U);
  }
  EXPECT_GT(api.retries(), 0U);
}

} // namespace
} // namespace crew::fake_alpaca
