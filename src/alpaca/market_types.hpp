#pragma once
// The values Alpaca's market-data and reference endpoints return, decoded (alpaca-api.md 3.2-3.4,
// 4). Prices and volumes of market data are doubles (they arrive as JSON numbers); the asset's
// order-size fields are Decimal (they arrive as strings and bound real orders).
#include "core/bar.hpp"
#include "core/decimal.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crew::alpaca {

// One page of a multi-symbol bars response: bars by symbol (ordered by symbol, then time, as sent)
// and the token of the next page (nullopt on the last page).
struct BarsPage {
  std::map<std::string, std::vector<core::Bar>> bars;
  std::optional<std::string> next_page_token;
};

struct LatestTrade {
  core::UtcTime time;
  double price = 0;
  double size = 0;
};

struct LatestQuote {
  core::UtcTime time;
  double bid_price = 0;
  double bid_size = 0;
  double ask_price = 0;
  double ask_size = 0;
};

// A snapshot of one symbol; each part may be absent (illiquid symbols lack some).
struct Snapshot {
  std::optional<LatestTrade> latest_trade;
  std::optional<LatestQuote> latest_quote;
  std::optional<core::Bar> minute_bar;
  std::optional<core::Bar> daily_bar;
  std::optional<core::Bar> prev_daily_bar;
};

// By symbol; a stock snapshot of an unknown symbol is `null` in the response, kept as nullopt.
using Snapshots = std::map<std::string, std::optional<Snapshot>>;

// An entry of /v2/assets. `asset_class` is the JSON key "class" ("us_equity", "crypto", …).
struct Asset {
  std::string id;
  std::string asset_class;
  std::string exchange;
  std::string symbol;
  std::string name;
  std::string status;
  bool tradable = false;
  bool marginable = false;
  bool shortable = false;
  bool easy_to_borrow = false;
  bool fractionable = false;
  std::vector<std::string> attributes;
  std::optional<core::Decimal> min_order_size;
  std::optional<core::Decimal> min_trade_increment;
  std::optional<core::Decimal> price_increment;
};

// /v2/clock: the US equity regular session as Alpaca sees it.
struct MarketClock {
  core::UtcTime timestamp;
  bool is_open = false;
  core::UtcTime next_open;
  core::UtcTime next_close;
};

// One trading day of /v2/calendar; times are New York wall-clock minutes after midnight.
struct CalendarDay {
  std::chrono::sys_days date;
  std::chrono::minutes open{0};
  std::chrono::minutes close{0};
  std::chrono::minutes session_open{0};
  std::chrono::minutes session_close{0};
};

// The body of an error response: {"code": 40110000, "message": "…"} (code sometimes absent).
struct ApiErrorBody {
  std::optional<std::int64_t> code;
  std::string message;
};

} // namespace crew::alpaca
