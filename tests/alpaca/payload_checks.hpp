#pragma once
// Small helpers of the payload tests (json_mapping, trading_json, real_payloads): the values they
// write as text, and the checks they make of every decoded bar and every 207 answer alike.
#include "alpaca/json_mapping.hpp"
#include "alpaca/market_types.hpp"
#include "alpaca/trading_json.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crew::alpaca::test {

inline core::UtcTime at(const char* text) {
  return *core::parse_rfc3339(text);
}

inline core::Decimal dec(const char* text) {
  return *core::parse_decimal(text);
}

inline std::size_t bar_count(const BarsPage& page) {
  std::size_t n = 0;
  for (const auto& [symbol, bars] : page.bars) {
    n += bars.size();
  }
  return n;
}

// A multi-symbol bars page and what it must decode to: its bar count, whether it names a next page.
struct BarsPageCase {
  const char* file;
  std::size_t bars;
  bool has_next;
};

inline void expect_bars_page(const std::string& text, const BarsPageCase& expected) {
  auto page = parse_bars_page(text, "/v2/stocks/bars");
  ASSERT_TRUE(page) << expected.file << ": " << page.error().message();
  EXPECT_EQ(bar_count(*page), expected.bars) << expected.file;
  EXPECT_EQ(page->next_page_token.has_value(), expected.has_next) << expected.file;
}

// Every field of a decoded bar, each in its own expectation.
inline void expect_bar(const core::Bar& bar, const core::Bar& expected) {
  EXPECT_EQ(bar.time, expected.time);
  EXPECT_DOUBLE_EQ(bar.open, expected.open);
  EXPECT_DOUBLE_EQ(bar.high, expected.high);
  EXPECT_DOUBLE_EQ(bar.low, expected.low);
  EXPECT_DOUBLE_EQ(bar.close, expected.close);
  EXPECT_DOUBLE_EQ(bar.volume, expected.volume);
  EXPECT_DOUBLE_EQ(bar.trade_count, expected.trade_count);
  EXPECT_DOUBLE_EQ(bar.vwap, expected.vwap);
}

// A 207 answer: every entry keyed, and every entry that is not a 200 carries an error message.
inline void expect_multi_status_keyed(const std::vector<MultiStatusEntry>& entries,
                                      const std::string& name) {
  EXPECT_FALSE(entries.empty()) << name;
  for (const auto& entry : entries) {
    EXPECT_FALSE(entry.key.empty()) << name;
    if (entry.status != 200) {
      ASSERT_TRUE(entry.error.has_value()) << name;
      EXPECT_FALSE(entry.error->message.empty()) << name;
    }
  }
}

} // namespace crew::alpaca::test
