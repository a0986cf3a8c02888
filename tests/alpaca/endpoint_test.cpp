#include "alpaca/endpoint.hpp"

#include <gtest/gtest.h>

#include <span>
#include <string>

namespace crew::alpaca {
namespace {

// Every spelling of Alpaca's live trading endpoint that libcurl sends to api.alpaca.markets.
constexpr const char* k_live_spellings[] = {
    "https://api.alpaca.markets",         "https://api.alpaca.markets/",
    "https://API.ALPACA.MARKETS",         "https://Api.Alpaca.Markets",
    "HTTPS://api.alpaca.markets",         "hTtPs://aPi.AlPaCa.MaRkEtS",
    "https://%61pi.alpaca.markets",       "https://%41%50%49.alpaca.markets",
    "https://api%2ealpaca%2emarkets",     "https://api.alpaca.markets.",
    "https://api.alpaca.markets.:443/",   "https://api.alpaca.markets:443",
    "https://api.alpaca.markets:0443",    "https://api.alpaca.markets:8443",
    "https://api.alpaca.markets:/v2",     "https://api.alpaca.markets/v2",
    "https://API.alpaca.markets:443/v2/",
};

// The same for the paper endpoint.
constexpr const char* k_paper_spellings[] = {
    "https://paper-api.alpaca.markets",     "https://paper-api.alpaca.markets/",
    "https://PAPER-API.ALPACA.MARKETS",     "https://Paper-Api.Alpaca.Markets",
    "HTTPS://paper-api.alpaca.markets",     "https://%70aper-api.alpaca.markets",
    "https://paper-api%2Ealpaca.markets",   "https://paper-api.alpaca.markets.",
    "https://paper-api.alpaca.markets:443", "https://paper-api.alpaca.markets.:443/v2",
};

constexpr const char* k_loopback[] = {
    "http://127.0.0.1:8080",   "http://127.0.0.1:8080/", "https://127.0.0.1",
    "http://127.1.2.3:9",      "http://localhost:8080",  "http://LOCALHOST:8080",
    "http://localhost.:8080",  "http://[::1]:8080",      "https://[::1]",
    "http://%6cocalhost:8080",
};

core::Status check(Account account, std::string_view url) {
  return check_trading_endpoint(account, url, "APCA_API_BASE_URL");
}

// Each spelling refused for `account`, naming the source, the mode and the host as parsed.
void expect_refused(Account account, std::span<const char* const> spellings, std::string_view mode,
                    std::string_view host) {
  for (const char* url : spellings) {
    const auto status = check(account, url);
    ASSERT_FALSE(status) << url;
    EXPECT_EQ(status.error().where, "APCA_API_BASE_URL") << url;
    EXPECT_EQ(status.error().what.find(std::string(mode) + " refuses " + std::string(host)), 0U)
        << url << ": " << status.error().what;
  }
}

TEST(TradingEndpoint, PaperRefusesEverySpellingOfTheLiveEndpoint) {
  expect_refused(Account::paper, k_live_spellings, "--paper", "api.alpaca.markets");
}

TEST(TradingEndpoint, LiveRefusesEverySpellingOfThePaperEndpoint) {
  expect_refused(Account::live, k_paper_spellings, "--live", "paper-api.alpaca.markets");
}

TEST(TradingEndpoint, EachModeAcceptsItsOwnEndpointHoweverSpelt) {
  for (const char* url : k_paper_spellings) {
    const auto status = check(Account::paper, url);
    EXPECT_TRUE(status) << url << ": " << (status ? "" : status.error().message());
  }
  for (const char* url : k_live_spellings) {
    const auto status = check(Account::live, url);
    EXPECT_TRUE(status) << url << ": " << (status ? "" : status.error().message());
  }
}

TEST(TradingEndpoint, BothModesAcceptLoopback) {
  // fake_alpaca in the integration tests, or a tunnel on this machine.
  for (const char* url : k_loopback) {
    for (const auto account : {Account::paper, Account::live}) {
      const auto status = check(account, url);
      EXPECT_TRUE(status) << url << ": " << (status ? "" : status.error().message());
    }
  }
}

TEST(TradingEndpoint, RefusesUserinfoInEitherMode) {
  for (const char* url :
       {"https://x@api.alpaca.markets", "https://x:y@api.alpaca.markets",
        "https://x@paper-api.alpaca.markets", "https://KEY:SECRET@paper-api.alpaca.markets/v2",
        "https://paper-api.alpaca.markets@api.alpaca.markets", "http://u:p@127.0.0.1:8080"}) {
    for (const auto account : {Account::paper, Account::live}) {
      const auto status = check(account, url);
      ASSERT_FALSE(status) << url;
      EXPECT_NE(status.error().what.find("user name or password"), std::string::npos) << url;
      EXPECT_EQ(status.error().what.find("SECRET"), std::string::npos) << url;
    }
  }
}

TEST(TradingEndpoint, NeitherModeTradesOnAnUnknownHost) {
  // Nobody here knows where such a host forwards the orders (and the keys): a typo of Alpaca's
  // name, a proxy in front of the live endpoint, another of Alpaca's hosts.
  for (const char* url :
       {"https://api.alpaca.market", "https://api-alpaca.markets", "https://alpaca.markets",
        "https://api.alpaca.markets.evil.example", "https://evil.example/api.alpaca.markets",
        "https://evil.example#@api.alpaca.markets", "https://data.alpaca.markets",
        "https://broker-api.alpaca.markets", "https://live.api.alpaca.markets",
        "https://paper-api.alpaca.markets.evil.example", "http://10.0.0.1:8080",
        "http://0x7f.1:8080", "http://[::ffff:127.0.0.1]:8080", "http://128.0.0.1",
        "http://127.0.0.1.evil.example"}) {
    for (const auto account : {Account::paper, Account::live}) {
      const auto status = check(account, url);
      EXPECT_FALSE(status) << url;
    }
  }
}

TEST(TradingEndpoint, AlpacaHostsOnlyOverHttps) {
  // The keys travel in headers: plain http would show them to every hop.
  EXPECT_FALSE(check(Account::paper, "http://paper-api.alpaca.markets"));
  EXPECT_FALSE(check(Account::live, "http://api.alpaca.markets"));
  EXPECT_FALSE(check(Account::paper, "http://api.alpaca.markets")); // and still the live host
}

TEST(TradingEndpoint, RefusesWhatIsNoUrl) {
  for (const char* url :
       {"", "api.alpaca.markets", "ftp://paper-api.alpaca.markets", " https://api.alpaca.markets",
        "https://paper-api.alpaca.markets\r\nHost: api.alpaca.markets",
        "https://paper-api.alpaca.markets?x=1", "https://%zzpaper-api.alpaca.markets"}) {
    for (const auto account : {Account::paper, Account::live}) {
      EXPECT_FALSE(check(account, url)) << url;
    }
  }
}

TEST(TradingEndpoint, TheErrorNamesTheSourceAndTheHostNotTheUrl) {
  const auto status = check_trading_endpoint(Account::paper, "https://%61pi.alpaca.markets:443/v2",
                                             "[alpaca] trading_url");
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().where, "[alpaca] trading_url");
  EXPECT_NE(status.error().what.find("api.alpaca.markets"), std::string::npos);
  EXPECT_EQ(status.error().what.find("%61"), std::string::npos);
  EXPECT_EQ(status.error().what.find('\n'), std::string::npos);
}

TEST(TradingEndpoint, ClassifiesTheParsedHost) {
  const auto kind = [](std::string_view text) {
    auto url = core::parse_http_url(text);
    EXPECT_TRUE(url) << text;
    return url ? classify_trading_endpoint(*url) : TradingEndpoint::elsewhere;
  };
  EXPECT_EQ(kind("https://API.alpaca.markets."), TradingEndpoint::live);
  EXPECT_EQ(kind("https://paper-api.alpaca.markets"), TradingEndpoint::paper);
  EXPECT_EQ(kind("https://data.alpaca.markets"), TradingEndpoint::other_alpaca);
  EXPECT_EQ(kind("https://alpaca.markets"), TradingEndpoint::other_alpaca);
  EXPECT_EQ(kind("http://127.0.0.1:1"), TradingEndpoint::loopback);
  EXPECT_EQ(kind("http://[::1]:1"), TradingEndpoint::loopback);
  EXPECT_EQ(kind("http://localhost"), TradingEndpoint::loopback);
  EXPECT_EQ(kind("https://xalpaca.markets"), TradingEndpoint::elsewhere);
  EXPECT_EQ(kind("http://127.0.0.256"), TradingEndpoint::elsewhere);
  EXPECT_EQ(kind("http://127.0.0"), TradingEndpoint::elsewhere);
}

} // namespace
} // namespace crew::alpaca
