#include "dashboard/server_settings.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::dashboard;

TEST(ServerSettings, ParsesHostPortIpv6AndBarePort) {
  EXPECT_EQ(*parse_listen_address("127.0.0.1:8080"), (ListenAddress{"127.0.0.1", 8080}));
  EXPECT_EQ(*parse_listen_address("0.0.0.0:0"), (ListenAddress{"0.0.0.0", 0}));
  EXPECT_EQ(*parse_listen_address("[::1]:9000"), (ListenAddress{"::1", 9000}));
  EXPECT_EQ(*parse_listen_address("8081"), (ListenAddress{"127.0.0.1", 8081}));
}

TEST(ServerSettings, RefusesMalformedAddresses) {
  for (const char* text : {"", "host:", ":80", "host:99999", "host:8x", "::1:80", "abc"}) {
    auto parsed = parse_listen_address(text);
    EXPECT_FALSE(parsed.ok()) << text;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().where, "--http");
    }
  }
}

TEST(ServerSettings, KnowsLoopbackHosts) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.1.2.3"));
  EXPECT_TRUE(is_loopback_host("::1"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_FALSE(is_loopback_host("0.0.0.0"));
  EXPECT_FALSE(is_loopback_host("192.168.1.5"));
  EXPECT_FALSE(is_loopback_host("::"));
}

TEST(ServerSettings, NonLoopbackAddressNeedsToken) {
  ServerSettings settings;
  settings.listen = ListenAddress{"0.0.0.0", 8080};
  auto refused = validate(settings);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().what.find("token"), std::string::npos);
  settings.token = "s3cret-token";
  EXPECT_TRUE(validate(settings).ok());
  settings.listen.host = "127.0.0.1";
  settings.token.clear();
  EXPECT_TRUE(validate(settings).ok());
}

TEST(ServerSettings, RefusesShortOrUnsafeTokens) {
  ServerSettings settings;
  settings.token = "short";
  EXPECT_FALSE(validate(settings).ok());
  settings.token = "has space in it";
  EXPECT_FALSE(validate(settings).ok());
  settings.token = "amp&ersand-token";
  EXPECT_FALSE(validate(settings).ok());
  settings.token = "Good_token-1.2~3";
  EXPECT_TRUE(validate(settings).ok());
}

TEST(ServerSettings, AcceptsBearerHeaderOrQueryToken) {
  const std::string token = "abcdefgh123";
  EXPECT_TRUE(token_accepted(token, "Bearer abcdefgh123", ""));
  EXPECT_TRUE(token_accepted(token, "", "abcdefgh123"));
  EXPECT_FALSE(token_accepted(token, "Bearer abcdefgh12", ""));
  EXPECT_FALSE(token_accepted(token, "Bearer abcdefgh1234", ""));
  EXPECT_FALSE(token_accepted(token, "Basic abcdefgh123", ""));
  EXPECT_FALSE(token_accepted(token, "abcdefgh123", ""));
  EXPECT_FALSE(token_accepted(token, "", ""));
  EXPECT_FALSE(token_accepted(token, "", "wrong"));
}

TEST(ServerSettings, StaleLimitDefaultsToThreeTicks) {
  ServerSettings settings;
  settings.config.scheduler.tick_seconds = 60;
  EXPECT_EQ(stale_limit(settings), core::Duration{std::chrono::seconds{180}});
  settings.stale_after = std::chrono::seconds{10};
  EXPECT_EQ(stale_limit(settings), core::Duration{std::chrono::seconds{10}});
}

TEST(ServerSettings, FindsTheFirstWebDirWithTheChartScript) {
  crew::test::TempDir dir;
  std::filesystem::create_directories(dir / "b/node_modules/lightweight-charts/dist");
  dir.write("b/node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js",
            "x");
  EXPECT_EQ(find_vendor_dir({dir / "a", dir / "b"}),
            dir / "b/node_modules/lightweight-charts/dist");
  EXPECT_TRUE(find_vendor_dir({dir / "a"}).empty());
  const auto defaults = default_web_dirs("/home/x");
  ASSERT_EQ(defaults.size(), 2U);
  EXPECT_EQ(defaults[0], std::filesystem::path("/home/x/web"));
  EXPECT_EQ(defaults[1].filename(), "web");
}

TEST(ServerSettings, MakesTheHomeTokenOnceWithMode0600) {
  crew::test::TempDir dir;
  const auto file = dir / "dashboard.token";
  auto made = load_or_create_token(file);
  ASSERT_TRUE(made.ok()) << made.error().message();
  EXPECT_EQ(made->size(), 44U);
  EXPECT_EQ(
      made->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto again = load_or_create_token(file);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *made);
  EXPECT_NE(*load_or_create_token(dir / "other.token"), *made);
  ServerSettings settings;
  settings.token = *made;
  EXPECT_TRUE(validate(settings).ok());
}

TEST(ServerSettings, RefusesATokenFileOthersCanRead) {
  crew::test::TempDir dir;
  const auto file = dir.write("token", "file-token-for-tests\n");
  std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write |
                                         std::filesystem::perms::others_read);
  auto refused = read_token_file(file);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().what.find("chmod 600"), std::string::npos);
  EXPECT_FALSE(load_or_create_token(file).ok()); // never replaced behind the operator's back
  std::filesystem::permissions(file, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  EXPECT_EQ(*read_token_file(file), "file-token-for-tests");
  const auto bad = dir.write("bad", "has space\n");
  std::filesystem::permissions(bad, std::filesystem::perms::owner_read);
  EXPECT_FALSE(read_token_file(bad).ok());
  EXPECT_FALSE(read_token_file(dir / "missing").ok());
}

TEST(ServerSettings, RefusesMalformedAllowedHosts) {
  ServerSettings settings;
  settings.config.dashboard.allowed_hosts = "crew.lan, proxy.example:443, [fe80::1]:8080";
  EXPECT_TRUE(validate(settings).ok());
  for (const char* bad : {"crew lan", "crew.lan:0", "crew.lan:x", "http://crew.lan", "a,,b",
                          "crew.lan/x", "[fe80::1"}) {
    settings.config.dashboard.allowed_hosts = bad;
    EXPECT_FALSE(validate(settings).ok()) << bad;
  }
}
