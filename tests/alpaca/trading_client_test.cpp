#include "alpaca/trading_client.hpp"
#include "scripted_transport.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

using namespace std::chrono_literals;

struct TradingFixture {
  test::ScriptedTransport transport;
  test::FakeTime time;
  ApiClient api{transport, std::make_shared<RateLimiter>(200, time.clock(), time.sleeper()),
                ApiClientSettings{"http://paper.test", 1000ms, {3, 10ms, 1s}, 9},
                Credentials{"K", "S"}, time.sleeper()};
  TradingClient client{api};
};

core::OrderRequest btc_buy() {
  core::OrderRequest request;
  request.symbol = *core::classify_symbol("BTC/USD");
  request.qty = *core::parse_decimal("0.0283");
  request.time_in_force = core::TimeInForce::gtc;
  request.client_order_id = "crew-abc";
  return request;
}

TEST(TradingClient, PostOrderIsSentOnceEvenOn503) {
  TradingFixture f;
  f.transport.respond(503, "<html>unavailable</html>");
  f.transport.respond(200, crew::test::read_fixture("order_market_crypto.json"));
  const auto outcome = f.client.post_order(btc_buy());
  ASSERT_TRUE(outcome.refusal.has_value());
  EXPECT_EQ(outcome.refusal->status, 503);
  EXPECT_EQ(f.transport.requests().size(), 1U);
  EXPECT_NE(f.transport.requests()[0].body.find("\"qty\":\"0.0283\""), std::string::npos);
  EXPECT_NE(f.transport.requests()[0].body.find("BTC/USD"), std::string::npos);
}

TEST(TradingClient, AGarbledAnswerToAGetIsFetchedAgain) {
  TradingFixture f;
  f.transport.respond(200, R"({"id": "904837e3-3b76-47ec-b432-046db621571b", "cash": )");
  f.transport.respond(200, crew::test::read_fixture("account.json"));
  const auto account = f.client.account();
  ASSERT_TRUE(account) << account.error().message();
  EXPECT_EQ(account->id, "0ffd1fad-ffcd-44f2-8ae8-5fd17330722e");
  EXPECT_EQ(f.transport.requests().size(), 2U);
}

TEST(TradingClient, AnAnswerThatNeverParsesIsAnErrorAfterAFewTries) {
  TradingFixture f;
  for (int i = 0; i < 10; ++i) {
    f.transport.respond(200, "{not json");
  }
  EXPECT_FALSE(f.client.positions());
  EXPECT_EQ(f.transport.requests().size(), 4U);
}

TEST(TradingClient, PostOrderReportsTransportErrorWithoutRetry) {
  TradingFixture f;
  f.transport.fail(TransportErrorKind::timeout);
  const auto outcome = f.client.post_order(btc_buy());
  EXPECT_TRUE(outcome.transport_error.has_value());
  EXPECT_EQ(f.transport.requests().size(), 1U);
}

TEST(TradingClient, DuplicateClientOrderIdIsA422Refusal) {
  TradingFixture f;
  f.transport.respond(422, crew::test::read_fixture("error_422_duplicate_client_order_id.json"));
  const auto outcome = f.client.post_order(btc_buy());
  ASSERT_TRUE(outcome.refusal);
  EXPECT_EQ(outcome.refusal->code, 40010001);
  EXPECT_EQ(outcome.refusal->message, "client_order_id must be unique");
}

TEST(TradingClient, LookupByClientIdUsesLiteralColonPathAndMaps404ToNothing) {
  TradingFixture f;
  f.transport.respond(404, crew::test::read_fixture("error_404_order_not_found.json"));
  f.transport.respond(200, crew::test::read_fixture("order_by_client_order_id.json"));
  auto missing = f.client.order_by_client_id("x");
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->has_value());
  auto found = f.client.order_by_client_id("tc-5e0c41d2-ema-a-INTC-240917T1345");
  ASSERT_TRUE(found) << found.error().message();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->client_order_id, "tc-5e0c41d2-ema-a-INTC-240917T1345");
  EXPECT_EQ(f.transport.requests()[0].url,
            "http://paper.test/v2/orders:by_client_order_id?client_order_id=x");
}

TEST(TradingClient, GetsAreRetriedOn500) {
  TradingFixture f;
  f.transport.respond(500, "{\"code\":50010000,\"message\":\"internal\"}");
  f.transport.respond(200, crew::test::read_fixture("positions.json"));
  auto positions = f.client.positions();
  ASSERT_TRUE(positions) << positions.error().message();
  EXPECT_EQ(positions->size(), 3U);
  EXPECT_EQ(positions->at(1).symbol.str(), "BTC/USD");
}

TEST(TradingClient, FillActivitiesFollowPageTokens) {
  TradingFixture f;
  const std::string page = crew::test::read_fixture("activities_fill.json");
  f.transport.respond(200, page);
  f.transport.respond(200, "[]");
  ActivityQuery query;
  query.page_size = 6;
  query.after = *core::parse_rfc3339("2024-09-16T00:00:00Z");
  auto fills = f.client.fill_activities(query);
  ASSERT_TRUE(fills) << fills.error().message();
  EXPECT_EQ(fills->size(), 6U);
  ASSERT_EQ(f.transport.requests().size(), 2U);
  // The next page starts after the id of the last activity of this one.
  EXPECT_NE(f.transport.requests()[1].url.find(
                "page_token=20240917093107262%3A%3Ae2e3a765-b39f-4b7e-be7b-982e16f554fd"),
            std::string::npos)
      << f.transport.requests()[1].url;
  EXPECT_NE(f.transport.requests()[0].url.find("direction=asc"), std::string::npos);
}

TEST(TradingClient, CloseAllParses207AndClosePositionUsesPositionForm) {
  TradingFixture f;
  f.transport.respond(207, crew::test::read_fixture("close_all_positions_207_crypto.json"));
  f.transport.respond(200, crew::test::read_fixture("order_market_crypto.json"));
  auto entries = f.client.close_all_positions();
  ASSERT_TRUE(entries) << entries.error().message();
  EXPECT_EQ(entries->size(), 4U);
  auto order = f.client.close_position(*core::classify_symbol("BTC/USD"));
  ASSERT_TRUE(order) << order.error().message();
  EXPECT_EQ(f.transport.requests()[1].url, "http://paper.test/v2/positions/BTCUSD");
  EXPECT_NE(f.transport.requests()[0].url.find("cancel_orders=true"), std::string::npos);
}

TEST(TradingClient, CancelAcceptsNoContentAndReports404) {
  TradingFixture f;
  f.transport.respond(204, "");
  f.transport.respond(404, crew::test::read_fixture("error_404_order_not_found.json"));
  EXPECT_TRUE(f.client.cancel_order("a"));
  auto missing = f.client.cancel_order("b");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().what.find("404"), std::string::npos);
}

} // namespace
} // namespace crew::alpaca
