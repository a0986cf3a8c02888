#include "core/http_url.hpp"

#include <gtest/gtest.h>

#include <string>

namespace crew::core {
namespace {

using namespace std::string_literals;

HttpUrl parsed(std::string_view text) {
  auto url = parse_http_url(text);
  EXPECT_TRUE(url) << text << ": " << (url ? "" : url.error().what);
  return url ? *url : HttpUrl{};
}

std::string host_of(std::string_view text) {
  return parsed(text).host;
}

TEST(HttpUrl, TakesAPlainUrlApart) {
  const auto url = parsed("https://paper-api.alpaca.markets/v2");
  EXPECT_EQ(url.scheme, "https");
  EXPECT_FALSE(url.has_userinfo);
  EXPECT_EQ(url.host, "paper-api.alpaca.markets");
  EXPECT_FALSE(url.ipv6_literal);
  EXPECT_EQ(url.port, 443);
  EXPECT_EQ(url.path, "/v2");
  const auto local = parsed("http://127.0.0.1:8080");
  EXPECT_EQ(local.scheme, "http");
  EXPECT_EQ(local.host, "127.0.0.1");
  EXPECT_EQ(local.port, 8080);
  EXPECT_EQ(local.path, "");
  EXPECT_EQ(parsed("http://localhost").port, 80);
}

TEST(HttpUrl, FoldsTheCaseOfSchemeAndHost) {
  EXPECT_EQ(host_of("https://API.ALPACA.MARKETS"), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://Api.Alpaca.Markets"), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://pApEr-ApI.alpaca.MARKETS"), "paper-api.alpaca.markets");
  EXPECT_EQ(parsed("HTTPS://api.alpaca.markets").scheme, "https");
  EXPECT_EQ(parsed("HtTp://127.0.0.1:1").scheme, "http");
  // The path keeps its case: it is the server's business.
  EXPECT_EQ(parsed("https://api.alpaca.markets/V2").path, "/V2");
}

TEST(HttpUrl, DecodesPercentEscapesInTheHostAsLibcurlDoes) {
  EXPECT_EQ(host_of("https://%61pi.alpaca.markets"), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://%41PI.alpaca.markets"), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://api%2ealpaca%2Emarkets"), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://%70%61%70%65%72-api.alpaca.markets"), "paper-api.alpaca.markets");
  // The path is sent as written.
  EXPECT_EQ(parsed("https://api.alpaca.markets/%61").path, "/%61");
}

TEST(HttpUrl, DropsTheTrailingDotDnsIgnores) {
  EXPECT_EQ(host_of("https://api.alpaca.markets."), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://api.alpaca.markets.:443/v2"), "api.alpaca.markets");
  EXPECT_EQ(host_of("https://api.alpaca.markets%2e"), "api.alpaca.markets");
  EXPECT_FALSE(parse_http_url("https://api.alpaca.markets.."));
  EXPECT_FALSE(parse_http_url("https://."));
  EXPECT_FALSE(parse_http_url("https://.api.alpaca.markets"));
  EXPECT_FALSE(parse_http_url("https://api..alpaca.markets"));
}

TEST(HttpUrl, ReadsExplicitPorts) {
  EXPECT_EQ(parsed("https://api.alpaca.markets:443").port, 443);
  EXPECT_EQ(host_of("https://api.alpaca.markets:443"), "api.alpaca.markets");
  EXPECT_EQ(parsed("https://api.alpaca.markets:8443/").port, 8443);
  EXPECT_EQ(parsed("http://api.alpaca.markets:00080").port, 80);
  EXPECT_EQ(parsed("https://api.alpaca.markets:").port, 443); // an empty port is the default
  EXPECT_EQ(parsed("http://127.0.0.1:65535").port, 65535);
  for (const char* bad :
       {"https://api.alpaca.markets:0", "https://api.alpaca.markets:65536",
        "https://api.alpaca.markets:99999999999999999999", "https://api.alpaca.markets:+443",
        "https://api.alpaca.markets:-1", "https://api.alpaca.markets:443:443",
        "https://api.alpaca.markets:https", "https://:443", "http://127.0.0.1:0x50"}) {
    EXPECT_FALSE(parse_http_url(bad)) << bad;
  }
}

TEST(HttpUrl, NoticesUserinfoWithAndWithoutPassword) {
  const auto user = parsed("https://x@api.alpaca.markets");
  EXPECT_TRUE(user.has_userinfo);
  EXPECT_EQ(user.host, "api.alpaca.markets");
  const auto password = parsed("https://user:secret@paper-api.alpaca.markets:443/v2");
  EXPECT_TRUE(password.has_userinfo);
  EXPECT_EQ(password.host, "paper-api.alpaca.markets");
  EXPECT_EQ(password.port, 443);
  EXPECT_TRUE(parsed("https://@api.alpaca.markets").has_userinfo);
  EXPECT_TRUE(parsed("https://paper-api.alpaca.markets@api.alpaca.markets").has_userinfo);
  EXPECT_EQ(host_of("https://paper-api.alpaca.markets@api.alpaca.markets"), "api.alpaca.markets");
  // An '@' after the authority is part of the path, as for libcurl.
  const auto in_path = parsed("https://paper-api.alpaca.markets/@api.alpaca.markets");
  EXPECT_FALSE(in_path.has_userinfo);
  EXPECT_EQ(in_path.host, "paper-api.alpaca.markets");
  // Two '@' are read differently by different parsers (libcurl takes the first, browsers the
  // last): refused, as is an escaped '@' in the host.
  EXPECT_FALSE(parse_http_url("https://a@paper-api.alpaca.markets@api.alpaca.markets"));
  EXPECT_FALSE(parse_http_url("https://paper-api.alpaca.markets%40api.alpaca.markets"));
}

TEST(HttpUrl, ReadsIpv6Literals) {
  const auto loopback = parsed("http://[::1]:8080/v2");
  EXPECT_TRUE(loopback.ipv6_literal);
  EXPECT_EQ(loopback.host, "::1");
  EXPECT_EQ(loopback.port, 8080);
  EXPECT_EQ(host_of("https://[2001:DB8::A]"), "2001:db8::a");
  EXPECT_EQ(host_of("https://[::ffff:127.0.0.1]"), "::ffff:127.0.0.1");
  for (const char* bad :
       {"https://[::1", "https://[]", "https://[::1]x", "https://[fe80::1%25eth0]",
        "https://[api.alpaca.markets]", "https://::1", "https://[::1]:65536"}) {
    EXPECT_FALSE(parse_http_url(bad)) << bad;
  }
}

TEST(HttpUrl, KeepsPathQueryAndFragmentAfterTheAuthority) {
  EXPECT_EQ(parsed("https://api.alpaca.markets?x=1").path, "?x=1");
  EXPECT_EQ(parsed("https://api.alpaca.markets#frag").path, "#frag");
  EXPECT_EQ(host_of("https://evil.example#@api.alpaca.markets"), "evil.example");
  EXPECT_EQ(host_of("https://evil.example?@api.alpaca.markets"), "evil.example");
}

TEST(HttpUrl, RefusesOtherSchemesAndShapes) {
  for (const char* bad :
       {"", "ftp://api.alpaca.markets", "file:///etc/passwd", "httpx://api.alpaca.markets",
        "https:api.alpaca.markets", "https:/api.alpaca.markets", "https:///api.alpaca.markets",
        "//api.alpaca.markets", "api.alpaca.markets", "localhost:8080", "https://", "http://",
        "https://:80", "https://?x", "https://#"}) {
    EXPECT_FALSE(parse_http_url(bad)) << bad;
  }
}

TEST(HttpUrl, RefusesWhitespaceAndControlCharacters) {
  for (const std::string& bad :
       {std::string(" https://api.alpaca.markets"), std::string("https://api.alpaca.markets "),
        std::string("https://api.alpaca .markets"), std::string("https://api.alpaca.markets\t"),
        std::string("https://api.alpaca.markets\r\nX-Evil: 1"),
        std::string("https://api.alpaca.markets/\n"), std::string("https://api.alpaca.mar\x7fkets"),
        "https://api.alpaca.markets\0.evil"s, std::string("https://%0aapi.x"),
        std::string("https://api%00.alpaca.markets"),
        std::string("https://api%20.alpaca.markets")}) {
    EXPECT_FALSE(parse_http_url(bad)) << bad;
  }
}

TEST(HttpUrl, RefusesHostCharactersThatCouldBeReadTwoWays) {
  for (const char* bad :
       {"https://api.alpaca.markets\\@evil.example", "https://evil.example\\api.alpaca.markets",
        "https://api_alpaca%2fmarkets", "https://api.alpaca.markets%3a443",
        "https://%zzapi.alpaca.markets", "https://%6", "https://api.alpaca.markets%",
        "https://\xd0\xb0pi.alpaca.markets", "https://api.alpaca.markets%e2%80%8b",
        "https://api.alpaca.markets;x", "https://[::1]@x"}) {
    EXPECT_FALSE(parse_http_url(bad)) << bad;
  }
  EXPECT_FALSE(parse_http_url("https://" + std::string(254, 'a')));
  EXPECT_FALSE(parse_http_url("https://" + std::string(64, 'a') + ".example"));
  EXPECT_TRUE(parse_http_url("https://" + std::string(63, 'a') + ".example"));
}

TEST(HttpUrl, SaysWhatTheUrlMustBe) {
  auto bad = parse_http_url("ftp://example.com");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().what.find("http:// or https://"), std::string::npos);
  EXPECT_TRUE(bad.error().where.empty());
}

TEST(HttpUrl, ABaseUrlHasNoUserinfoQueryOrFragment) {
  for (const char* good :
       {"https://paper-api.alpaca.markets", "https://api.alpaca.markets/", "http://127.0.0.1:8080",
        "https://data.alpaca.markets/v2", "HTTPS://DATA.ALPACA.MARKETS"}) {
    EXPECT_EQ(base_url_problem(good), nullptr) << good;
  }
  for (const char* bad :
       {"https://x@api.alpaca.markets", "https://x:y@paper-api.alpaca.markets",
        "https://@data.alpaca.markets", "https://KEY:SECRET@127.0.0.1:8080",
        "https://paper-api.alpaca.markets?x=1", "https://paper-api.alpaca.markets#x",
        "https://paper-api.alpaca.markets/v2?", "ftp://paper-api.alpaca.markets", "notaurl"}) {
    EXPECT_NE(base_url_problem(bad), nullptr) << bad;
  }
  EXPECT_NE(std::string(base_url_problem("https://x:y@paper-api.alpaca.markets")).find("password"),
            std::string::npos);
}

} // namespace
} // namespace crew::core
