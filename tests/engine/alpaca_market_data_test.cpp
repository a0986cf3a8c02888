// AlpacaMarketData hands the strategies the same signal bars as backtest and the --sim replay
// (design 3b, issue 12): an equity's signal bars are built from regular-session 5Min bars; the
// pre-market that Alpaca's bars carry never reaches a signal in --paper or --live.
#include "alpaca/api_client.hpp"
#include "alpaca/market_data_client.hpp"
#include "engine/alpaca_market_data.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <deque>

namespace crew::engine {
namespace {

using namespace std::chrono_literals;

core::UtcTime at(const char* text) {
  return *core::parse_rfc3339(text);
}

// Answers every bars request with the bars Alpaca would give for its timeframe: AAPL from 08:00
// New York (pre-market) to 11:00, on 2024-03-05 (EST), records what was asked.
class BarsTransport final : public alpaca::HttpTransport {
public:
  alpaca::TransportResult send(const alpaca::HttpRequest& request) override {
    urls.push_back(request.url);
    int step = 60;
    for (const auto& [name, minutes] : {std::pair{"timeframe=5Min", 5}, {"timeframe=15Min", 15}}) {
      if (request.url.find(name) != std::string::npos) {
        step = minutes;
      }
    }
    std::string bars;
    const auto first = at("2024-03-05T13:00:00Z"); // 08:00 New York
    for (int minute = 0; minute < 180; minute += step) {
      const auto t = first + std::chrono::minutes{minute};
      const double price = 100 + minute;
      bars += fmt::format("{}{{\"t\":\"{}\",\"o\":{},\"h\":{},\"l\":{},\"c\":{},\"v\":10,\"n\":1,"
                          "\"vw\":{}}}",
                          bars.empty() ? "" : ",", core::format_rfc3339(t), price, price + 1,
                          price - 1, price, price);
    }
    return alpaca::HttpResponse{
        200, {}, "{\"bars\":{\"AAPL\":[" + bars + "]},\"next_page_token\":null}"};
  }
  std::vector<std::string> urls;
};

struct Fixture {
  BarsTransport transport;
  alpaca::ApiClient client{transport, std::make_shared<alpaca::RateLimiter>(1000),
                           alpaca::ApiClientSettings{"http://data.test", 1000ms, {}, 1},
                           alpaca::Credentials{"K", "S"}, [](std::chrono::nanoseconds) {}};
  alpaca::MarketDataClient market_data{client, client};
  AlpacaMarketData data{market_data, "iex"};
};

TEST(AlpacaMarketData, AnEquitysHourlySignalBarsComeFromRegularSessionFiveMinuteBars) {
  Fixture f;
  const auto bars = f.data.completed_bars({*core::classify_symbol("AAPL")}, core::Timeframe::hour1,
                                          50, at("2024-03-05T16:00:00Z")); // 11:00 New York
  ASSERT_TRUE(bars) << bars.error().message();
  ASSERT_FALSE(f.transport.urls.empty());
  EXPECT_NE(f.transport.urls.front().find("timeframe=5Min"), std::string::npos)
      << f.transport.urls.front();
  const auto& got = bars->at("AAPL");
  // The 09:00 bar covers 09:30–10:00 only (Alpaca's own 09:00 bar holds the pre-market), then
  // 10:00–11:00.
  ASSERT_EQ(got.size(), 2U);
  EXPECT_EQ(got.time().front(), at("2024-03-05T14:00:00Z"));
  EXPECT_EQ(got.open().front(), 190.0); // the 09:30 5Min bar's open
  EXPECT_EQ(got.close().back(), 275.0); // the 10:55 5Min bar's close
}

TEST(AlpacaMarketData, AnEquitysQuarterHourSignalBarsLeaveThePreMarketOut) {
  Fixture f;
  const auto bars = f.data.completed_bars({*core::classify_symbol("AAPL")}, core::Timeframe::min15,
                                          50, at("2024-03-05T16:00:00Z"));
  ASSERT_TRUE(bars) << bars.error().message();
  // Quarter hours start at the open: Alpaca's own 15Min bars, those of the session only.
  EXPECT_NE(f.transport.urls.front().find("timeframe=15Min"), std::string::npos);
  const auto& got = bars->at("AAPL");
  ASSERT_EQ(got.size(), 6U); // 09:30 … 10:45
  EXPECT_EQ(got.time().front(), at("2024-03-05T14:30:00Z"));
  EXPECT_EQ(got.open().front(), 190.0);
}

} // namespace
} // namespace crew::engine
