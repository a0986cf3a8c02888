#include "alpaca/market_data_client.hpp"
#include "scripted_transport.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

using namespace std::chrono_literals;

struct MarketDataFixture {
  test::ScriptedTransport transport;
  test::FakeTime time;
  ApiClient data{transport, std::make_shared<RateLimiter>(200, time.clock(), time.sleeper()),
                 ApiClientSettings{"http://data.test", 1000ms, {3, 10ms, 1s}, 9},
                 Credentials{"K", "S"}, time.sleeper()};
  MarketDataClient client{data, data};
};

BarsRequest request_for(std::vector<std::string> symbols) {
  BarsRequest request;
  request.symbols = std::move(symbols);
  request.timeframe = core::Timeframe::day1;
  request.start = *core::parse_rfc3339("2024-03-01T00:00:00Z");
  request.end = *core::parse_rfc3339("2024-03-31T00:00:00Z");
  request.limit = 2;
  request.feed = "iex";
  request.adjustment = "raw";
  return request;
}

// Pages through `symbol`'s daily bars over `pages` (2 bars, 2 bars, an empty last page): four bars
// in time order. `requests` gets what was sent, for the caller to check the page tokens.
void page_through(const std::string& symbol, const std::vector<std::string>& pages,
                  std::vector<HttpRequest>& requests) {
  MarketDataFixture f;
  for (const auto& page : pages) {
    f.transport.respond(200, page);
  }
  auto bars = f.client.bars(core::AssetClass::us_equity, request_for({symbol}));
  requests = f.transport.requests();
  ASSERT_TRUE(bars) << bars.error().message();
  ASSERT_EQ(bars->at(symbol).size(), 4U);
  EXPECT_LT(bars->at(symbol)[1].time, bars->at(symbol)[2].time);
}

TEST(MarketDataClient, FollowsPageTokensUntilNull) {
  std::vector<HttpRequest> requests;
  page_through("NVDA",
               {crew::test::read_fixture("stock_bars_nvda_page1.json"),
                crew::test::read_fixture("stock_bars_nvda_page2.json"),
                crew::test::read_fixture("stock_bars_empty.json")},
               requests);
  ASSERT_EQ(requests.size(), 3U);
  EXPECT_EQ(requests[0].url,
            "http://data.test/v2/stocks/bars?symbols=NVDA&timeframe=1Day"
            "&start=2024-03-01T00%3A00%3A00Z&end=2024-03-31T00%3A00%3A00Z&limit=2&feed=iex"
            "&adjustment=raw");
  EXPECT_EQ(requests[1].url,
            requests[0].url +
                "&page_token=TlZEQXxEfDIwMjQtMDMtMDdUMDU6MDA6MDAuMDAwMDAwMDAwWg%3D%3D");
  EXPECT_EQ(requests[2].url,
            requests[0].url +
                "&page_token=TlZEQXxEfDIwMjQtMDMtMTFUMDQ6MDA6MDAuMDAwMDAwMDAwWg%3D%3D");
}

// The same over real recorded pages, when ../shared/alpaca-fixtures is there.
TEST(MarketDataClient, FollowsTheTokensOfRealPages) {
  CREW_REQUIRE_REAL_FIXTURE(page1, "stock_bars_meta_page1.json");
  CREW_REQUIRE_REAL_FIXTURE(page2, "stock_bars_meta_page2.json");
  CREW_REQUIRE_REAL_FIXTURE(empty, "stock_bars_empty.json");
  std::vector<HttpRequest> requests;
  page_through("META", {page1, page2, empty}, requests);
  ASSERT_EQ(requests.size(), 3U);
  EXPECT_EQ(requests[1].url,
            requests[0].url +
                "&page_token=TUVUQXxEfDIwMjItMDYtMDlUMDQ6MDA6MDAuMDAwMDAwMDAwWg%3D%3D");
  EXPECT_NE(requests[2].url.find("page_token=TUVUQXxEfDIwMjItMDYtMTNU"), std::string::npos);
}

TEST(MarketDataClient, MergesSymbolsAcrossPages) {
  MarketDataFixture f;
  f.transport.respond(200, crew::test::read_fixture("stock_bars_multi_page1.json"));
  f.transport.respond(200, crew::test::read_fixture("stock_bars_multi_page2.json"));
  auto bars = f.client.bars(core::AssetClass::us_equity, request_for({"AMD", "INTC"}));
  ASSERT_TRUE(bars) << bars.error().message();
  EXPECT_EQ(bars->at("AMD").size(), 2U);
  ASSERT_EQ(bars->at("INTC").size(), 2U); // one bar on each page
  EXPECT_LT(bars->at("INTC")[0].time, bars->at("INTC")[1].time);
  EXPECT_EQ(f.transport.requests().size(), 2U);
}

TEST(MarketDataClient, AsksTheCryptoPathWithoutStockOnlyParameters) {
  MarketDataFixture f;
  f.transport.respond(200, crew::test::read_fixture("crypto_bars.json"));
  auto bars = f.client.bars(core::AssetClass::crypto, request_for({"BTC/USD", "ETH/USD"}));
  ASSERT_TRUE(bars) << bars.error().message();
  EXPECT_EQ(bars->size(), 2U);
  const auto& url = f.transport.requests().at(0).url;
  EXPECT_EQ(url.rfind("http://data.test/v1beta3/crypto/us/bars?symbols=BTC%2FUSD%2CETH%2FUSD", 0),
            0U);
  EXPECT_EQ(url.find("feed="), std::string::npos);
  EXPECT_EQ(url.find("adjustment="), std::string::npos);
}

TEST(MarketDataClient, RetriesPagesThroughFaults) {
  MarketDataFixture f;
  f.transport.respond(200, crew::test::read_fixture("stock_bars_nvda_page1.json"));
  f.transport.respond(429, R"({"code":42910000,"message":"rate limit exceeded"})",
                      {{"Retry-After", "1"}});
  f.transport.respond(500, "oops");
  f.transport.respond(200, R"({"bars":{"NVDA":[{"t":"2024-03-0)"); // malformed: fetched again
  f.transport.respond(200, crew::test::read_fixture("stock_bars_nvda_page2.json"));
  f.transport.respond(200, crew::test::read_fixture("stock_bars_empty.json"));
  auto bars = f.client.bars(core::AssetClass::us_equity, request_for({"NVDA"}));
  ASSERT_TRUE(bars) << bars.error().message();
  EXPECT_EQ(bars->at("NVDA").size(), 4U);
  EXPECT_EQ(f.transport.remaining(), 0U);
}

TEST(MarketDataClient, StopsWhenTheSinkRefusesAPage) {
  MarketDataFixture f;
  f.transport.respond(200, crew::test::read_fixture("stock_bars_nvda_page1.json"));
  f.transport.respond(200, crew::test::read_fixture("stock_bars_nvda_page2.json"));
  auto status = f.client.bars(core::AssetClass::us_equity, request_for({"NVDA"}),
                              [](const BarsPage&) -> core::Status {
                                return core::Error{"disk full", "store"};
                              });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().what, "disk full");
  EXPECT_EQ(f.transport.requests().size(), 1U);
}

TEST(MarketDataClient, ReportsAnErrorStatusWithTheEndpoint) {
  MarketDataFixture f;
  f.transport.respond(403, crew::test::read_fixture("error_403_data_recent_sip.json"));
  auto bars = f.client.bars(core::AssetClass::us_equity, request_for({"NVDA"}));
  ASSERT_FALSE(bars);
  EXPECT_EQ(bars.error().where, "GET /v2/stocks/bars");
  EXPECT_NE(bars.error().what.find("HTTP 403"), std::string::npos) << bars.error().what;
  EXPECT_NE(bars.error().what.find("subscription does not permit"), std::string::npos);
}

TEST(MarketDataClient, ReadsLatestBarsAndSnapshotsOfBothClasses) {
  MarketDataFixture f;
  f.transport.respond(200, crew::test::read_fixture("stock_latest_bars.json"));
  f.transport.respond(200, crew::test::read_fixture("crypto_latest_bars_multi.json"));
  f.transport.respond(200, crew::test::read_fixture("stock_snapshots_multi_with_null.json"));
  f.transport.respond(200, crew::test::read_fixture("crypto_snapshots.json"));
  auto stock = f.client.latest_bars(core::AssetClass::us_equity, {"DIA", "IWM"}, "iex");
  ASSERT_TRUE(stock) << stock.error().message();
  EXPECT_EQ(stock->size(), 2U);
  auto crypto = f.client.latest_bars(core::AssetClass::crypto, {"LINK/USD", "UNI/USD", "DOGE/USD"});
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_EQ(crypto->size(), 3U);
  auto stock_snaps =
      f.client.snapshots(core::AssetClass::us_equity, {"NVDA", "INTC", "XYZQ"}, "iex");
  ASSERT_TRUE(stock_snaps) << stock_snaps.error().message();
  EXPECT_FALSE(stock_snaps->at("XYZQ").has_value());
  EXPECT_TRUE(stock_snaps->at("NVDA").has_value());
  auto crypto_snaps = f.client.snapshots(core::AssetClass::crypto, {"SOL/USD", "BTC/USD"});
  ASSERT_TRUE(crypto_snaps) << crypto_snaps.error().message();
  EXPECT_EQ(crypto_snaps->size(), 2U);
  const auto& requests = f.transport.requests();
  EXPECT_NE(requests[0].url.find("/v2/stocks/bars/latest?symbols=DIA%2CIWM&feed=iex"),
            std::string::npos);
  EXPECT_NE(requests[1].url.find(
                "/v1beta3/crypto/us/latest/bars?symbols=LINK%2FUSD%2CUNI%2FUSD%2CDOGE%2FUSD"),
            std::string::npos);
  EXPECT_NE(requests[2].url.find("/v2/stocks/snapshots?"), std::string::npos);
  EXPECT_NE(requests[3].url.find("/v1beta3/crypto/us/snapshots?"), std::string::npos);
}

TEST(MarketDataClient, ListsAssetsWithFilters) {
  MarketDataFixture f;
  f.transport.respond(200, crew::test::read_fixture("assets_crypto.json"));
  auto assets = f.client.assets({"active", "crypto"});
  ASSERT_TRUE(assets) << assets.error().message();
  ASSERT_EQ(assets->size(), 4U);
  EXPECT_EQ(assets->at(0).symbol, "BTC/USD");
  EXPECT_EQ(assets->at(0).min_order_size, core::parse_decimal("0.000011823").value());
  EXPECT_EQ(f.transport.requests().at(0).url,
            "http://data.test/v2/assets?status=active&asset_class=crypto");
}

} // namespace
} // namespace crew::alpaca
