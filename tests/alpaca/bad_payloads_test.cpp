// The API-payload rows of the bad-input catalogue (tests/integration/bad_inputs.tsv holds the
// CLI, CSV and configuration rows): malformed or partial Alpaca bodies, each refused with one
// Error whose message names what is wrong and where (endpoint and JSON path), never a crash.
#include "alpaca/json_mapping.hpp"
#include "alpaca/trading_json.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <regex>
#include <string>
#include <vector>

namespace crew::alpaca {
namespace {

struct BadPayload {
  const char* name;
  std::function<core::Status(std::string_view)> parse;
  std::string body;
  const char* message; // regex over Error::message() ("<where>: <what>")
};

template <typename Parser>
std::function<core::Status(std::string_view)> via(Parser parser, std::string endpoint) {
  return [parser, endpoint](std::string_view body) -> core::Status {
    auto result = parser(body, endpoint);
    if (!result) {
      return result.error();
    }
    return {};
  };
}

std::vector<BadPayload> bad_payloads() {
  const auto bars = via(parse_bars_page, "/v2/stocks/bars");
  const auto order = via(parse_order, "/v2/orders");
  const auto account = via(parse_account, "/v2/account");
  const auto positions = via(parse_positions, "/v2/positions");
  return {
      {"empty body", bars, "", "^/v2/stocks/bars: malformed JSON$"},
      {"truncated body", bars, R"({"bars": {"AAPL": [{"t": "2024-01-03T14:30:00Z", "o": 1)",
       "^/v2/stocks/bars: malformed JSON$"},
      {"html error page", bars, "<html><body>502 Bad Gateway</body></html>",
       "^/v2/stocks/bars: malformed JSON$"},
      {"bars not an object", bars, R"({"bars": [1, 2]})", "/v2/stocks/bars .*bars"},
      {"price as string", bars,
       R"({"bars": {"AAPL": [{"t": "2024-01-03T14:30:00Z", "o": "1", "h": 1, "l": 1, "c": 1,
           "v": 1}]}})",
       R"(/v2/stocks/bars \.bars\.AAPL\[0\]\.o.*number)"},
      {"bar without time", bars,
       R"({"bars": {"AAPL": [{"o": 1, "h": 1, "l": 1, "c": 1, "v": 1}]}})",
       R"(/v2/stocks/bars \.bars\.AAPL\[0\]\.t)"},
      {"bar time garbled", bars,
       R"({"bars": {"AAPL": [{"t": "yesterday", "o": 1, "h": 1, "l": 1, "c": 1, "v": 1}]}})",
       R"(/v2/stocks/bars \.bars\.AAPL\[0\]\.t.*yesterday)"},
      {"bar year beyond UtcTime", bars,
       R"({"bars": {"AAPL": [{"t": "9999-01-03T14:30:00Z", "o": 1, "h": 1, "l": 1, "c": 1,
           "v": 1}]}})",
       R"(/v2/stocks/bars \.bars\.AAPL\[0\]\.t: not an RFC 3339 time: 9999)"},
      {"error body not an object", via(parse_error_body, "/v2/orders"), "[]", "^/v2/orders"},
      {"order is an array", order, "[]", "^/v2/orders"},
      {"order qty not decimal", order,
       R"({"id": "x", "client_order_id": "c", "symbol": "AAPL", "side": "buy", "type": "market",
           "time_in_force": "day", "status": "new", "qty": "1e3", "filled_qty": "0",
           "created_at": "2024-01-03T14:30:00Z"})",
       R"(/v2/orders \.qty.*1e3)"},
      {"order side unknown", order,
       R"({"id": "x", "client_order_id": "c", "symbol": "AAPL", "side": "borrow", "type": "market",
           "time_in_force": "day", "status": "new", "qty": "1", "filled_qty": "0",
           "created_at": "2024-01-03T14:30:00Z"})",
       R"(/v2/orders \.side.*borrow)"},
      {"order symbol invalid", order,
       R"({"id": "x", "client_order_id": "c", "symbol": "$$$", "side": "buy", "type": "market",
           "time_in_force": "day", "status": "new", "qty": "1", "filled_qty": "0",
           "created_at": "2024-01-03T14:30:00Z"})",
       R"(/v2/orders \.symbol)"},
      {"account equity missing", account, R"({"id": "a", "cash": "10", "status": "ACTIVE"})",
       R"(/v2/account \.(equity|[a-z_]+))"},
      {"account cash number overflow", account,
       R"({"id": "a", "cash": "99999999999999999999", "equity": "1", "buying_power": "1",
           "status": "ACTIVE"})",
       R"(/v2/account \.cash)"},
      {"positions not an array", positions, R"({"symbol": "AAPL"})", "^/v2/positions"},
      {"position qty garbled", positions,
       R"([{"symbol": "AAPL", "qty": "ten", "avg_entry_price": "1", "side": "long",
            "market_value": "1", "cost_basis": "1", "unrealized_pl": "0", "current_price": "1",
            "asset_class": "us_equity"}])",
       R"(/v2/positions \[0\]\.qty.*ten)"},
  };
}

TEST(BadPayloads, EachIsRefusedWithOneLineNamingWhatAndWhere) {
  for (const BadPayload& row : bad_payloads()) {
    const core::Status status = row.parse(row.body);
    ASSERT_FALSE(status.ok()) << row.name << ": accepted";
    const std::string message = status.error().message();
    EXPECT_TRUE(std::regex_search(message, std::regex(row.message)))
        << row.name << ": '" << message << "' does not match " << row.message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << row.name << ": two lines";
  }
}

TEST(BadPayloads, CatalogueHasRowsForEveryResource) {
  EXPECT_GE(bad_payloads().size(), 15U);
}

} // namespace
} // namespace crew::alpaca
