#include "broker/alpaca_broker.hpp"
#include "scripted_transport.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::broker {
namespace {

using namespace std::chrono_literals;

struct Harness {
  alpaca::test::ScriptedTransport transport;
  alpaca::test::FakeTime time;
  alpaca::ApiClient api{transport,
                        std::make_shared<alpaca::RateLimiter>(200, time.clock(), time.sleeper()),
                        alpaca::ApiClientSettings{"http://paper.test", 1000ms, {1, 1ms, 1ms}, 3},
                        alpaca::Credentials{"K", "S"}, time.sleeper()};
  alpaca::TradingClient client{api};
  std::vector<std::chrono::milliseconds> naps; // the waits between look-ups, not slept
  AlpacaBroker broker{client, {}, [this](std::chrono::milliseconds wait) { naps.push_back(wait); }};
};

core::OrderRequest btc_buy(const char* id) {
  core::OrderRequest r;
  r.symbol = *core::classify_symbol("BTC/USD");
  r.qty = *core::parse_decimal("0.0283");
  r.time_in_force = core::TimeInForce::gtc;
  r.client_order_id = id;
  return r;
}

TEST(AlpacaBroker, TimeoutOnSubmitIsResolvedByClientIdLookup) {
  Harness h;
  h.transport.respond(200, crew::test::read_fixture("assets_crypto.json"));
  h.transport.fail(alpaca::TransportErrorKind::timeout);
  h.transport.respond(200, crew::test::read_fixture("order_market_crypto.json"));
  const auto result = h.broker.submit(btc_buy("c6814ede-8c93-4480-9a27-7a00853d9881"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(result.order->id, "9356bf68-9502-461e-851f-b5411f494c0e");
  const auto& requests = h.transport.requests();
  ASSERT_EQ(requests.size(), 3U);
  EXPECT_EQ(requests[1].method, alpaca::HttpMethod::post);
  EXPECT_NE(requests[2].url.find("orders:by_client_order_id"), std::string::npos);
}

// The defect of the money-safety issue: "not found" right after a timeout was taken as "not
// placed" and stored rejected, and the POST that a proxy held past the timeout then filled at
// the broker. Not finding it proves nothing: the outcome stays unknown.
TEST(AlpacaBroker, ServerErrorWithNoOrderFoundStaysUnknownNeverRejected) {
  Harness h;
  h.transport.respond(200, "[]");
  h.transport.respond(500, "{\"code\":50010000,\"message\":\"internal\"}");
  for (int i = 0; i < 3; ++i) {
    h.transport.respond(404, "{\"code\":40410000,\"message\":\"order not found\"}");
  }
  const auto result = h.broker.submit(btc_buy("x"));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, SubmitError::Kind::unknown);
  EXPECT_NE(result.error->message.find("does not know it yet"), std::string::npos)
      << result.error->message;
  // Three look-ups with backoff between them, never a second POST.
  const auto& requests = h.transport.requests();
  ASSERT_EQ(requests.size(), 5U);
  for (std::size_t i = 2; i < requests.size(); ++i) {
    EXPECT_EQ(requests[i].method, alpaca::HttpMethod::get);
    EXPECT_NE(requests[i].url.find("orders:by_client_order_id"), std::string::npos);
  }
  EXPECT_EQ(h.naps, (std::vector<std::chrono::milliseconds>{500ms, 1000ms}));
}

TEST(AlpacaBroker, AnOrderThatArrivesLateIsFoundByALaterLookup) {
  Harness h;
  h.transport.respond(200, "[]");
  h.transport.fail(alpaca::TransportErrorKind::timeout);
  h.transport.respond(404, "{\"code\":40410000,\"message\":\"order not found\"}");
  h.transport.respond(200, crew::test::read_fixture("order_market_crypto.json"));
  const auto result = h.broker.submit(btc_buy("late"));
  ASSERT_TRUE(result.ok()) << result.error->message;
  EXPECT_EQ(h.naps.size(), 1U);
  EXPECT_EQ(h.transport.requests().size(), 4U);
}

TEST(AlpacaBroker, LookupFailureLeavesTheOutcomeUnknown) {
  Harness h;
  h.transport.respond(200, "[]");
  h.transport.fail(alpaca::TransportErrorKind::connection_dropped);
  for (int i = 0; i < 2; ++i) {
    h.transport.fail(alpaca::TransportErrorKind::connection_failed);
  }
  const auto result = h.broker.submit(btc_buy("x"));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, SubmitError::Kind::unknown);
}

TEST(AlpacaBroker, DuplicateClientOrderIdIsItsOwnKind) {
  Harness h;
  h.transport.respond(200, "[]");
  h.transport.respond(422, crew::test::read_fixture("error_422_duplicate_client_order_id.json"));
  const auto result = h.broker.submit(btc_buy("x"));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, SubmitError::Kind::duplicate_client_order_id);
  EXPECT_EQ(h.transport.requests().size(), 2U);
}

TEST(AlpacaBroker, InsufficientBuyingPowerIsA403Rejection) {
  Harness h;
  h.transport.respond(200, "[]");
  h.transport.respond(403, crew::test::read_fixture("error_403_insufficient_buying_power.json"));
  const auto result = h.broker.submit(btc_buy("x"));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->kind, SubmitError::Kind::rejected);
  EXPECT_EQ(result.error->http_status, 403);
}

TEST(AlpacaBroker, PositionsComeBackInSlashForm) {
  Harness h;
  h.transport.respond(200, "[" + crew::test::read_fixture("position_crypto.json") + "]");
  h.transport.respond(200, crew::test::read_fixture("assets_crypto.json"));
  auto positions = h.broker.positions();
  ASSERT_TRUE(positions) << positions.error().message();
  ASSERT_EQ(positions->size(), 1U);
  EXPECT_EQ(positions->front().symbol.str(), "ETH/USD");
}

TEST(AlpacaBroker, CloseAllReportsPositionsThatCouldNotBeClosed) {
  Harness h;
  h.transport.respond(207, crew::test::read_fixture("cancel_all_orders_207.json"));
  h.transport.respond(207, crew::test::read_fixture("close_all_positions_207_crypto.json"));
  const auto status = h.broker.close_all();
  ASSERT_FALSE(status);
  EXPECT_NE(status.error().what.find("403"), std::string::npos);
}

} // namespace
} // namespace crew::broker
