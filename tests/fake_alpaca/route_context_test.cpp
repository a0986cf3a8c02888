#include "route_context.hpp"

#include <gtest/gtest.h>

namespace crew::fake_alpaca {
namespace {

TEST(PageToken, RoundTripsSymbolAndTime) {
  const auto last = *core::parse_rfc3339("2022-06-09T04:00:00Z");
  const auto token = encode_page_token("META", "1Day", last);
  EXPECT_EQ(token, "TUVUQXwxRGF5fDIwMjItMDYtMDlUMDQ6MDA6MDAuMDAwMDAwMDAwWg==");
  const auto cursor = decode_page_token(token);
  ASSERT_TRUE(cursor.has_value());
  EXPECT_EQ(cursor->symbol, "META");
  EXPECT_EQ(cursor->last, last);
  EXPECT_FALSE(decode_page_token("!!!").has_value());
  EXPECT_FALSE(decode_page_token("bm90IGEgdG9rZW4=").has_value());
}

TEST(BarJson, SendsStockVolumeAsAnIntegerAndCryptoVolumeAsIs) {
  core::Bar bar{*core::parse_rfc3339("2024-01-02T05:00:00Z"), 1, 2, 0.5, 1.5, 1000, 12, 1.25};
  const auto stock = bar_json(bar, true);
  EXPECT_TRUE(stock["v"].is_number_integer());
  EXPECT_EQ(stock["t"], "2024-01-02T05:00:00Z");
  EXPECT_EQ(stock["n"], 12);
  bar.volume = 0.25;
  EXPECT_DOUBLE_EQ(bar_json(bar, false)["v"].get<double>(), 0.25);
}

TEST(QueryParams, ParseTimesAndSymbolLists) {
  EXPECT_EQ(parse_time_param("2024-01-03"), core::parse_rfc3339("2024-01-03T00:00:00Z").value());
  EXPECT_EQ(parse_time_param("2024-01-03T09:30:00-05:00"),
            core::parse_rfc3339("2024-01-03T14:30:00Z").value());
  EXPECT_FALSE(parse_time_param("soon").has_value());
  EXPECT_EQ(split_symbols("BTC/USD, ETH/USD,,AAPL"),
            (std::vector<std::string>{"BTC/USD", "ETH/USD", "AAPL"}));
}

} // namespace
} // namespace crew::fake_alpaca
