#include "alpaca/api_client.hpp"
#include "scripted_transport.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

using namespace std::chrono_literals;

struct ClientFixture {
  test::ScriptedTransport transport;
  test::FakeTime time;
  std::shared_ptr<RateLimiter> limiter =
      std::make_shared<RateLimiter>(200, time.clock(), time.sleeper());
  ApiClient client{transport,
                   limiter,
                   ApiClientSettings{"http://fake.test/", 1000ms, {3, 100ms, 5s}, 42},
                   Credentials{"KEYID", "TOPSECRET"},
                   time.sleeper(),
                   [] { return core::UtcTime::from_seconds(1'700'000'000); }};
};

TEST(ApiClient, SendsAuthHeadersAndEncodedQuery) {
  ClientFixture f;
  f.transport.respond(200, "{}");
  auto response = f.client.get("/v2/stocks/bars", {{"symbols", "BTC/USD,ETH/USD"}});
  ASSERT_TRUE(response) << response.error().message();
  const auto& request = f.transport.requests().at(0);
  EXPECT_EQ(request.url, "http://fake.test/v2/stocks/bars?symbols=BTC%2FUSD%2CETH%2FUSD");
  HttpResponse as_headers{0, request.headers, ""};
  EXPECT_EQ(as_headers.header("APCA-API-KEY-ID"), "KEYID");
  EXPECT_EQ(as_headers.header("APCA-API-SECRET-KEY"), "TOPSECRET");
  EXPECT_EQ(request.timeout, 1000ms);
}

TEST(ApiClient, RetriesServerErrorsThenSucceeds) {
  ClientFixture f;
  f.transport.respond(500, R"({"message":"internal"})");
  f.transport.fail(TransportErrorKind::connection_dropped);
  f.transport.respond(200, "[]");
  auto response = f.client.get("/v2/assets");
  ASSERT_TRUE(response) << response.error().message();
  EXPECT_EQ(response->body, "[]");
  EXPECT_EQ(f.transport.requests().size(), 3U);
  EXPECT_EQ(f.client.retries(), 2U);
  EXPECT_EQ(f.time.sleeps.size(), 2U);
}

TEST(ApiClient, GivesUpAfterMaxRetriesWithTheLastStatus) {
  ClientFixture f;
  for (int i = 0; i < 4; ++i) {
    f.transport.respond(503, R"({"code":50010000,"message":"unavailable"})");
  }
  auto response = f.client.get("/v2/clock");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().what, "HTTP 503 (50010000): unavailable");
  EXPECT_EQ(response.error().where, "GET /v2/clock");
  EXPECT_EQ(f.transport.requests().size(), 4U);
}

TEST(ApiClient, ReportsAuthFailureWithoutTheSecret) {
  ClientFixture f;
  f.transport.respond(401, R"({"code":40110000,"message":"access key verification failed"})");
  auto response = f.client.get("/v2/assets");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().what, "HTTP 401 (40110000): access key verification failed");
  EXPECT_EQ(response.error().message().find("TOPSECRET"), std::string::npos);
  EXPECT_EQ(f.transport.requests().size(), 1U);
}

TEST(ApiClient, HonoursRateLimitResetAndDrainsTheSharedBucket) {
  ClientFixture f;
  f.transport.respond(429, R"({"code":42910000,"message":"rate limit exceeded"})",
                      {{"X-RateLimit-Reset", "1700000003"}});
  f.transport.respond(200, "{}");
  ASSERT_TRUE(f.client.get("/v2/stocks/bars"));
  ASSERT_FALSE(f.time.sleeps.empty());
  EXPECT_EQ(f.time.sleeps.front(), std::chrono::nanoseconds{3s});
  EXPECT_EQ(f.limiter->try_acquire(), 0ns); // 3 s refilled 9 tokens after the drain
}

TEST(ApiClient, DoesNotRetryAPost) {
  ClientFixture f;
  f.transport.fail(TransportErrorKind::timeout, "Operation timed out");
  auto response = f.client.send(HttpMethod::post, "/v2/orders", {}, R"({"symbol":"AAPL"})");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().what, "timeout: Operation timed out");
  EXPECT_EQ(f.transport.requests().size(), 1U);
  HttpResponse as_headers{0, f.transport.requests()[0].headers, ""};
  EXPECT_EQ(as_headers.header("Content-Type"), "application/json");
}

TEST(ApiClient, CountsRequestsPerEndpointIncludingRetries) {
  ClientFixture f;
  f.transport.respond(500, "");
  f.transport.respond(200, "{}");
  f.transport.respond(200, "{}");
  ASSERT_TRUE(f.client.get("/v2/stocks/AAPL/bars", {}, "/v2/stocks/{symbol}/bars"));
  ASSERT_TRUE(f.client.get("/v2/clock"));
  const auto counts = f.client.counter().counts();
  EXPECT_EQ(counts.at("/v2/stocks/{symbol}/bars"), 2U);
  EXPECT_EQ(counts.at("/v2/clock"), 1U);
  EXPECT_EQ(f.client.counter().total(), 3U);
}

TEST(ApiClient, TakesALimiterTokenPerAttempt) {
  test::ScriptedTransport transport;
  test::FakeTime time;
  auto limiter = std::make_shared<RateLimiter>(61, time.clock(), time.sleeper(), 1); // 60 a minute
  ApiClient client{transport, limiter, ApiClientSettings{"http://x", 1000ms, {3, 10ms, 1s}, 1},
                   Credentials{"K", "S"}, time.sleeper()};
  transport.respond(200, "{}");
  transport.respond(200, "{}");
  ASSERT_TRUE(client.get("/a"));
  ASSERT_TRUE(client.get("/b"));
  ASSERT_EQ(time.sleeps.size(), 1U); // the second call waited a second for its token
  EXPECT_EQ(time.sleeps[0], std::chrono::nanoseconds{1s});
}

TEST(ApiClient, SendsNoKeyWithAControlCharacterAndNeverShowsIt) {
  // A key with CR/LF would inject headers of its own into every request.
  using namespace std::string_literals;
  const std::vector<Credentials> hostile = {{"KEYID\r\nX-Evil: 1", "TOPSECRET"},
                                            {"KEYID", "TOPSECRET\r\nHost: evil.example"},
                                            {"KEYID", "TOP\nSECRET"},
                                            {"KEY\0ID"s, "TOPSECRET"},
                                            {"KEYID", "TOPSECRET\x7f"},
                                            {"KEYID\t", "TOPSECRET"}};
  for (const auto& credentials : hostile) {
    test::ScriptedTransport transport;
    transport.respond(200, "{}");
    ApiClient client{transport, nullptr, ApiClientSettings{"http://x", 1000ms, {3, 10ms, 1s}, 1},
                     credentials};
    auto response = client.get("/v2/account");
    ASSERT_FALSE(response) << credentials.key_id.size();
    EXPECT_TRUE(transport.requests().empty());
    const auto message = response.error().message();
    EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
    EXPECT_EQ(message.find(credentials.key_id), std::string::npos) << message;
    EXPECT_EQ(message.find(credentials.secret_key), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(ApiClient, ReportsEachAttemptWithItsStatusToTheObserver) {
  // The API calls `crew status` counts come from here: a 429 then a 200 are two requests.
  ClientFixture f;
  std::vector<RequestRecord> seen;
  f.client.set_observer([&seen](const RequestRecord& record) { seen.push_back(record); });
  f.transport.respond(429, R"({"code":42910000,"message":"rate limit exceeded"})",
                      {{"X-RateLimit-Reset", "1700000001"}});
  f.transport.respond(200, "{}");
  ASSERT_TRUE(f.client.get("/v2/stocks/bars", {{"symbols", "AAPL"}}));
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0].status, 429);
  EXPECT_EQ(seen[1].status, 200);
  for (const auto& record : seen) {
    EXPECT_EQ(record.method, HttpMethod::get);
    EXPECT_EQ(record.endpoint, "/v2/stocks/bars"); // no query string
    EXPECT_FALSE(record.error.has_value());
    EXPECT_EQ(record.time, core::UtcTime::from_seconds(1'700'000'000));
  }
}

TEST(ApiClient, ReportsAnAttemptWithoutAnswerAsStatusZeroUnderItsEndpointName) {
  ClientFixture f;
  std::vector<RequestRecord> seen;
  f.client.set_observer([&seen](const RequestRecord& record) { seen.push_back(record); });
  f.transport.fail(TransportErrorKind::timeout, "Operation timed out");
  auto response = f.client.send(HttpMethod::del, "/v2/orders/abc-123", {}, {}, "/v2/orders/{id}");
  ASSERT_FALSE(response);
  ASSERT_EQ(seen.size(), 1U);
  EXPECT_EQ(seen[0].method, HttpMethod::del);
  EXPECT_EQ(seen[0].endpoint, "/v2/orders/{id}");
  EXPECT_EQ(seen[0].status, 0);
  EXPECT_EQ(seen[0].error, TransportErrorKind::timeout);
}

TEST(ApiClient, ReportsNothingWhenNothingWasSent) {
  test::ScriptedTransport transport;
  ApiClient client{transport, nullptr, ApiClientSettings{"http://x", 1000ms, {3, 10ms, 1s}, 1},
                   Credentials{"KEYID\r\nX-Evil: 1", "TOPSECRET"}};
  int seen = 0;
  client.set_observer([&seen](const RequestRecord&) { ++seen; });
  ASSERT_FALSE(client.get("/v2/account"));
  EXPECT_EQ(seen, 0);
}

} // namespace
} // namespace crew::alpaca
