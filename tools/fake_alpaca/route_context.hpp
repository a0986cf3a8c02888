#pragma once
// What every route area of fake_alpaca shares, and helpers to answer in Alpaca's shapes. Areas
// register their routes with add_<area>_routes(server, context): market data and reference data
// (assets, clock, calendar) today; trading routes join the same way.
#include "bar_source.hpp"
#include "core/time.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace crew::fake_alpaca {

struct RouteContext {
  const BarSource& source;
  std::function<core::UtcTime()> now;
};

void add_market_data_routes(httplib::Server& server, const RouteContext& context);
void add_reference_routes(httplib::Server& server, const RouteContext& context);

// The body and content type of a JSON answer.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// {"code": code, "message": message} with `status`.
void send_error(httplib::Response& res, int status, std::int64_t code, const std::string& message);

// A bar as Alpaca sends it: t, o, h, l, c, v (an integer for stocks), n, vw.
nlohmann::json bar_json(const core::Bar& bar, bool integer_volume);

// `start`/`end` query values: RFC 3339 or YYYY-MM-DD (midnight UTC).
std::optional<core::UtcTime> parse_time_param(const std::string& text);

// Comma-separated symbols, trimmed, empty entries dropped.
std::vector<std::string> split_symbols(const std::string& text);

// The opaque page token: base64 of "SYMBOL|TIMEFRAME|<last bar time>", as Alpaca does today.
std::string encode_page_token(const std::string& symbol, const std::string& timeframe,
                              core::UtcTime last);
struct PageCursor {
  std::string symbol;
  core::UtcTime last;
};
std::optional<PageCursor> decode_page_token(const std::string& token);

} // namespace crew::fake_alpaca
