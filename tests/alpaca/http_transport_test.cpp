#include "alpaca/http_transport.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

TEST(HttpResponse, FindsHeadersWhateverTheirCase) {
  HttpResponse response{200, {{"X-Ratelimit-Remaining", "199"}, {"Retry-After", "2"}}, ""};
  EXPECT_EQ(response.header("x-ratelimit-remaining"), "199");
  EXPECT_EQ(response.header("RETRY-AFTER"), "2");
  EXPECT_FALSE(response.header("X-RateLimit-Reset").has_value());
}

TEST(UrlEncode, EscapesSlashesAndCommasButNotUnreservedCharacters) {
  EXPECT_EQ(url_encode("BTC/USD,ETH/USD"), "BTC%2FUSD%2CETH%2FUSD");
  EXPECT_EQ(url_encode("2024-01-01T00:00:00Z"), "2024-01-01T00%3A00%3A00Z");
  EXPECT_EQ(url_encode("a_b.c~d"), "a_b.c~d");
}

TEST(HeaderValue, RefusesEveryControlCharacter) {
  using namespace std::string_literals;
  EXPECT_TRUE(is_header_value("PKTEST1234567890ABCD"));
  EXPECT_TRUE(is_header_value("aB3/+=~-_.x y")); // spaces and punctuation are fine in a value
  EXPECT_TRUE(is_header_value(""));
  for (const auto& bad : {"KEY\r\nX-Evil: 1"s, "KEY\n"s, "\rKEY"s, "KE\0Y"s, "KEY\t"s,
                          "KEY\x1b[31m"s, "KEY\x7f"s, "\x01"s, "KEY\x1f"s}) {
    EXPECT_FALSE(is_header_value(bad)) << bad.size();
  }
  for (int byte = 0; byte < 0x20; ++byte) {
    EXPECT_FALSE(is_header_value(std::string(1, static_cast<char>(byte)))) << byte;
  }
}

TEST(HttpMethod, NamesMethodsAsHttpDoes) {
  EXPECT_EQ(to_string(HttpMethod::get), "GET");
  EXPECT_EQ(to_string(HttpMethod::del), "DELETE");
  EXPECT_EQ(to_string(TransportErrorKind::timeout), "timeout");
}

} // namespace
} // namespace crew::alpaca
