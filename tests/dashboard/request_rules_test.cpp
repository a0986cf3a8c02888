#include "dashboard/request_rules.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::dashboard;

namespace {

const std::string k_token = "t0ken-for-tests";

AccessPolicy policy(const std::string& host = "127.0.0.1", const std::string& allowed = "") {
  ServerSettings settings;
  settings.listen = ListenAddress{host, 0};
  settings.token = k_token;
  settings.config.dashboard.allowed_hosts = allowed;
  return make_access_policy(settings, 8080);
}

RequestHead request(const std::string& method, HeaderMap headers, std::string query_token = {}) {
  return RequestHead{method, "/api/stop", std::move(query_token), std::move(headers), "127.0.0.1"};
}

HeaderMap json_post(const std::string& body_length = "2") {
  return {{"Host", "127.0.0.1:8080"},
          {"Authorization", "Bearer " + k_token},
          {"Content-Type", "application/json"},
          {"Content-Length", body_length}};
}

// The status of the refusal of a request, 0 when it may pass.
int screened(const std::string& method, HeaderMap headers, const AccessPolicy& p,
             std::string query_token = {}) {
  const auto refusal =
      screen_request(request(method, std::move(headers), std::move(query_token)), p);
  return refusal ? refusal->status : 0;
}

// A GET from loopback with `extra` headers besides Host.
HeaderMap get(HeaderMap extra = {}) {
  extra.emplace("Host", "127.0.0.1:8080");
  return extra;
}

} // namespace

TEST(RequestRules, HostMustNameThisDashboard) {
  const auto p = policy();
  for (const char* host : {"127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"}) {
    EXPECT_TRUE(host_allowed(host, p, "127.0.0.1")) << host;
  }
  for (const char* host : {"evil.example:8080", "localhost.evil.example:8080", "127.0.0.1",
                           "localhost", "127.0.0.1:8081", "", "[::1]", "127.0.0.1:8080.evil"}) {
    EXPECT_FALSE(host_allowed(host, p, "127.0.0.1")) << host;
  }
  // The address the client connected to, as a literal (a wildcard bind).
  const auto any = policy("0.0.0.0");
  EXPECT_TRUE(host_allowed("192.168.1.5:8080", any, "192.168.1.5"));
  EXPECT_TRUE(host_allowed("192.168.1.5:8080", any, "::ffff:192.168.1.5"));
  EXPECT_FALSE(host_allowed("localhost:8080", any, "192.168.1.5"));
  EXPECT_FALSE(host_allowed("192.168.1.6:8080", any, "192.168.1.5"));
}

TEST(RequestRules, ConfiguredNamesPassWithOrWithoutThePort) {
  const auto p = policy("127.0.0.1", "Crew.Lan, proxy.example:443");
  EXPECT_TRUE(host_allowed("crew.lan", p, ""));
  EXPECT_TRUE(host_allowed("crew.lan:8080", p, ""));
  EXPECT_FALSE(host_allowed("crew.lan:9", p, ""));
  EXPECT_TRUE(host_allowed("proxy.example:443", p, ""));
  EXPECT_FALSE(host_allowed("proxy.example", p, ""));
  EXPECT_FALSE(host_allowed("proxy.example:8080", p, ""));
}

TEST(RequestRules, ForeignHostIsRefusedFirstWith421) {
  const auto p = policy();
  auto headers = json_post();
  headers.erase("Host");
  headers.emplace("Host", "evil.example:8080");
  EXPECT_EQ(screened("POST", headers, p), 421);
  EXPECT_EQ(screened("GET", {{"Host", "evil.example:8080"}}, p), 421);
  EXPECT_EQ(screened("GET", {}, p), 421);
  EXPECT_EQ(screened("GET", get({{"Host", "evil.example:8080"}}), p), 421);
}

TEST(RequestRules, PostNeedsTheBearerTokenOnLoopbackReadingDoesNot) {
  const auto p = policy();
  EXPECT_EQ(screened("POST", json_post(), p), 0);
  EXPECT_EQ(screened("GET", get(), p), 0);
  auto headers = json_post();
  headers.erase("Authorization");
  const auto refused = screen_request(request("POST", headers, k_token), p);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_TRUE(refused->ask_for_token);
  headers.emplace("Authorization", "Bearer wrong-token-1");
  EXPECT_EQ(screened("POST", headers, p), 401);
  auto tokenless = p;
  tokenless.token.clear();
  EXPECT_EQ(screened("POST", json_post(), tokenless), 403);
}

TEST(RequestRules, OffLoopbackEveryRequestNeedsTheToken) {
  const auto p = policy("0.0.0.0", "crew.lan");
  const HeaderMap bare = {{"Host", "crew.lan:8080"}};
  EXPECT_EQ(screened("GET", bare, p), 401);
  EXPECT_EQ(screened("GET", bare, p, k_token), 0);
  EXPECT_EQ(screened("GET", {{"Host", "crew.lan:8080"}, {"Authorization", "Bearer " + k_token}}, p),
            0);
}

TEST(RequestRules, FramingIsStrict) {
  const auto p = policy();
  EXPECT_EQ(screened("POST", json_post("abc"), p), 400);
  EXPECT_EQ(screened("POST", json_post("-2"), p), 400);
  EXPECT_EQ(screened("POST", json_post("2 "), p), 400);
  EXPECT_EQ(screened("POST", json_post("99999999999999999999"), p), 400);
  EXPECT_EQ(screened("POST", json_post("4097"), p), 413);
  EXPECT_EQ(screened("POST", json_post("536870912"), p), 413);
  auto doubled = json_post();
  doubled.emplace("Content-Length", "2");
  EXPECT_EQ(screened("POST", doubled, p), 400);
  auto missing = json_post();
  missing.erase("Content-Length");
  EXPECT_EQ(screened("POST", missing, p), 411);
  auto chunked = missing;
  chunked.emplace("Transfer-Encoding", "chunked");
  EXPECT_EQ(screened("POST", chunked, p), 411);
  EXPECT_EQ(screened("GET", get({{"Content-Length", "10"}}), p), 400);
  EXPECT_EQ(screened("GET", get({{"Transfer-Encoding", "chunked"}}), p), 400);
  EXPECT_EQ(screened("PUT", json_post(), p), 405);
  EXPECT_EQ(screened("OPTIONS", get(), p), 405);
}

TEST(RequestRules, PostIsJsonExactlyFromItsOwnOrigin) {
  const auto p = policy();
  for (const char* type : {"application/json", "Application/JSON",
                           "application/json; charset=utf-8", "application/json;charset=UTF-8"}) {
    auto headers = json_post();
    headers.erase("Content-Type");
    headers.emplace("Content-Type", type);
    EXPECT_EQ(screened("POST", headers, p), 0) << type;
  }
  for (const char* type : {"application/json-evil", "application/jsonx", "text/json", "",
                           "application/json; charset=latin1", "application/json; boundary=x",
                           "text/plain; application/json"}) {
    auto headers = json_post();
    headers.erase("Content-Type");
    headers.emplace("Content-Type", type);
    EXPECT_EQ(screened("POST", headers, p), 415) << type;
  }
  auto own = json_post();
  own.emplace("Origin", "http://127.0.0.1:8080");
  own.emplace("Sec-Fetch-Site", "same-origin");
  EXPECT_EQ(screened("POST", own, p), 0);
  auto foreign = json_post();
  foreign.emplace("Origin", "http://evil.example:8080");
  EXPECT_EQ(screened("POST", foreign, p), 403);
  auto cross = json_post();
  cross.emplace("Sec-Fetch-Site", "cross-site");
  EXPECT_EQ(screened("POST", cross, p), 403);
}

TEST(RequestRules, OneByteRangeAtMost) {
  const auto p = policy();
  EXPECT_EQ(screened("GET", get({{"Range", "bytes=0-9"}}), p), 0);
  EXPECT_EQ(screened("GET", get({{"Range", "bytes=0-9,20-29"}}), p), 416);
}

TEST(RequestRules, PostBodyIsOneObjectOfKnownKeysNoneTwice) {
  EXPECT_TRUE(parse_post_body("", {"flatten"}).ok());
  EXPECT_TRUE(parse_post_body("{}", {"flatten"}).ok());
  EXPECT_EQ((*parse_post_body(R"({"flatten": true})", {"flatten"}))["flatten"], true);
  const auto twice = parse_post_body(R"({"flatten": false, "flatten": true})", {"flatten"});
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.error().what.find("twice"), std::string::npos);
  EXPECT_FALSE(parse_post_body(R"({"flatten": true, "x": 1})", {"flatten"}).ok());
  EXPECT_FALSE(parse_post_body(R"({"flatten": true})", {}).ok());
  EXPECT_FALSE(parse_post_body(R"({"flatten": true} x)", {"flatten"}).ok());
  EXPECT_FALSE(parse_post_body("[1]", {"flatten"}).ok());
  EXPECT_FALSE(parse_post_body("[{\"a\":1,\"a\":2}]", {"flatten"}).ok());
  EXPECT_FALSE(parse_post_body("{\"flatten\":{\"a\":1,\"a\":2}}", {"flatten"}).ok());
}
