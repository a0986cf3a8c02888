// The dashboard under attack (issue 16): each test sends what a hostile page or local user would
// and checks that the server refuses it from the headers, before any handler or body read.
#include "dashboard/served_dashboard.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

using namespace crew;
using namespace crew::dashboard;
using namespace crew::dashboard::test;
using namespace std::chrono_literals;

namespace {

const std::string k_token = "t0ken-for-tests";

std::string post(const std::string& host, const std::string& path, const std::string& body,
                 const std::string& extra = "Authorization: Bearer " + k_token + "\r\n",
                 const std::string& type = "application/json") {
  return "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + type + "\r\n" +
         extra + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string get(const std::string& host, const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n";
}

} // namespace

TEST(DashboardHostile, ForeignHostIsRefusedBeforeAnyHandler) {
  Served s(k_token);
  const auto port = std::to_string(s.port());
  const std::vector<std::string> hosts = {"evil.example:" + port, "rebound.attacker.test:" + port,
                                          "localhost.evil.example:" + port, "127.0.0.1:1",
                                          "evil.example"};
  for (const auto& host : hosts) {
    EXPECT_EQ(raw_status(s.port(), get(host, "/api/positions")), 421) << host;
    EXPECT_EQ(raw_status(s.port(), get(host, "/health")), 421) << host;
    EXPECT_EQ(raw_status(s.port(), post(host, "/api/stop", R"({"flatten": true})",
                                        "Origin: http://" + host + "\r\nAuthorization: Bearer " +
                                            k_token + "\r\n")),
              421)
        << host;
  }
  EXPECT_EQ(raw_status(s.port(), "GET /api/positions HTTP/1.1\r\n\r\n"), 421);
  EXPECT_FALSE(s.halted());
  EXPECT_EQ(raw_status(s.port(), get("localhost:" + port, "/api/positions")), 200);
  EXPECT_EQ(raw_status(s.port(), get("[::1]:" + port, "/api/positions")), 200);
  EXPECT_EQ(raw_status(s.port(), get(s.host(), "/api/positions")), 200);
}

TEST(DashboardHostile, ReadingIsOpenOnLoopbackWritingNeedsTheToken) {
  Served s(k_token);
  EXPECT_EQ(raw_status(s.port(), get(s.host(), "/api/status")), 200);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", "{}", "")), 401);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop?token=" + k_token, "{}", "")), 401);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/resume", "{}", "")), 401);
  EXPECT_FALSE(s.halted());
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", "{}")), 200);
  EXPECT_TRUE(s.halted());
}

TEST(DashboardHostile, HugeUnauthenticatedBodyIsRefusedFromItsHeaders) {
  Served s(k_token);
  RawConnection c(s.port());
  ASSERT_TRUE(c.send("POST /api/stop HTTP/1.1\r\nHost: " + s.host() +
                     "\r\nContent-Type: application/json\r\nContent-Length: 536870912\r\n\r\n"));
  c.send(std::string(1 << 20, 'a'));
  const auto answer = c.receive();
  EXPECT_EQ(status_of(answer), 401) << answer;
  // The connection is closed rather than the rest of the body read as the next request.
  EXPECT_TRUE(c.closed_within(2000ms));
  EXPECT_FALSE(s.halted());
}

TEST(DashboardHostile, ChunkedUnauthenticatedBodyIsRefusedFromItsHeaders) {
  Served s(k_token);
  RawConnection c(s.port());
  ASSERT_TRUE(c.send("POST /api/stop HTTP/1.1\r\nHost: " + s.host() +
                     "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                     "20000000\r\n"));
  c.send(std::string(1 << 20, 'a'));
  EXPECT_EQ(status_of(c.receive()), 401);
  EXPECT_TRUE(c.closed_within(2000ms));
}

TEST(DashboardHostile, BodiesAboveTheCapAreRefusedUnread) {
  Served s(k_token);
  RawConnection c(s.port());
  ASSERT_TRUE(c.send("POST /api/stop HTTP/1.1\r\nHost: " + s.host() + "\r\nAuthorization: Bearer " +
                     k_token +
                     "\r\nContent-Type: application/json\r\nContent-Length: 536870912\r\n\r\n"));
  const auto answer = c.receive();
  EXPECT_EQ(status_of(answer), 413) << answer;
  EXPECT_TRUE(c.closed_within(2000ms));
  const auto chunked = raw_status(
      s.port(), "POST /api/stop HTTP/1.1\r\nHost: " + s.host() + "\r\nAuthorization: Bearer " +
                    k_token +
                    "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    "2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(chunked, 411);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", std::string(5000, ' ') + "{}")), 413);
  EXPECT_EQ(raw_status(s.port(), "GET /api/status HTTP/1.1\r\nHost: " + s.host() +
                                     "\r\nContent-Length: 536870912\r\n\r\n"),
            400);
  EXPECT_FALSE(s.halted());
}

TEST(DashboardHostile, OversizedHeadersAreRefused) {
  Served s(k_token);
  RawConnection c(s.port());
  ASSERT_TRUE(c.send("GET /api/status HTTP/1.1\r\nHost: " + s.host() + "\r\nX-Pad: "));
  c.send(std::string(64 * 1024, 'a'));
  c.send("\r\n\r\n");
  EXPECT_EQ(status_of(c.receive()), 431);
  EXPECT_TRUE(c.closed_within(2000ms));
}

TEST(DashboardHostile, PostParsingIsStrict) {
  Served s(k_token);
  const std::string auth = "Authorization: Bearer " + k_token + "\r\n";
  const std::string head = "POST /api/stop HTTP/1.1\r\nHost: " + s.host() + "\r\n" + auth +
                           "Content-Type: application/json\r\n";
  EXPECT_EQ(raw_status(s.port(), head + "Content-Length: abc\r\n\r\n"), 400);
  EXPECT_EQ(raw_status(s.port(), head + "Content-Length: 2x\r\n\r\n{}"), 400);
  EXPECT_EQ(raw_status(s.port(), head + "Content-Length: 2\r\nContent-Length: 2\r\n\r\n{}"), 400);
  EXPECT_EQ(raw_status(s.port(), head + "\r\n"), 411);
  EXPECT_EQ(
      raw_status(s.port(), post(s.host(), "/api/stop", R"({"flatten":false,"flatten":true})")),
      400);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", R"({"flaten":true})")), 400);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", "{}", auth, "application/json-evil")),
            415);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", "{}", auth, "text/json")), 415);
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/resume", "{}", auth + auth)), 400);
  EXPECT_FALSE(s.halted());
  EXPECT_EQ(raw_status(s.port(), post(s.host(), "/api/stop", R"({"flatten":true})", auth,
                                      "application/json; charset=utf-8")),
            200);
  EXPECT_TRUE(s.halted());
}

TEST(DashboardHostile, MultiRangeRequestsAreRefused) {
  Served s(k_token);
  std::string ranges = "bytes=0-0";
  for (int i = 0; i < 1500; ++i) {
    ranges += ",0-";
  }
  RawConnection c(s.port());
  c.send(get(s.host(), "/app.js", "Range: " + ranges + "\r\n"));
  const auto answer = c.receive();
  EXPECT_EQ(status_of(answer), 416);
  EXPECT_LT(answer.size(), 2000U);
  EXPECT_EQ(raw_status(s.port(), get(s.host(), "/api/status", "Range: bytes=0-1,5-6\r\n")), 416);
  EXPECT_EQ(raw_status(s.port(), get(s.host(), "/app.js", "Range: bytes=0-9\r\n")), 206);
}

TEST(DashboardHostile, IdleConnectionsDoNotStarveHealth) {
  Served s(k_token);
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 40; ++i) {
    idle.push_back(std::make_unique<RawConnection>(s.port()));
    if (i % 2 == 1) {
      idle.back()->send("G");
    }
  }
  std::this_thread::sleep_for(200ms);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(raw_status(s.port(), get(s.host(), "/health")), 200);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  for (auto& c : idle) {
    EXPECT_TRUE(c->closed_within(12s));
  }
}
