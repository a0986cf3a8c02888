#pragma once
// JSON → values for the market-data, asset, clock, calendar and error payloads of alpaca-api.md.
// Every parser takes the endpoint for messages: malformed JSON or a field of the wrong type gives
// an Error naming the endpoint and the field, never an exception or a crash. Unknown fields are
// ignored and optional ones may be missing or null (Alpaca adds fields over the years).
#include "alpaca/market_types.hpp"
#include "core/result.hpp"

#include <string_view>
#include <vector>

namespace crew::alpaca {

// {"bars": {"AAPL": [bar…]}, "next_page_token": …} (multi-symbol stock and crypto bars).
core::Result<BarsPage> parse_bars_page(std::string_view body, std::string_view endpoint);
// {"bars": [bar…], "symbol": "AAPL", "next_page_token": …} (/v2/stocks/{symbol}/bars).
core::Result<BarsPage> parse_single_symbol_bars_page(std::string_view body,
                                                     std::string_view endpoint);
// {"bars": {"SPY": bar}} (latest bars, stock and crypto).
core::Result<std::map<std::string, core::Bar>> parse_latest_bars(std::string_view body,
                                                                 std::string_view endpoint);
// {"quotes": {"AAPL": quote}} and {"trades": {"AAPL": trade}} (latest quotes/trades, both classes).
core::Result<std::map<std::string, LatestQuote>> parse_latest_quotes(std::string_view body,
                                                                     std::string_view endpoint);
core::Result<std::map<std::string, LatestTrade>> parse_latest_trades(std::string_view body,
                                                                     std::string_view endpoint);
// Stock snapshots: symbols at the top level, no wrapper key, unknown symbols null.
core::Result<Snapshots> parse_stock_snapshots(std::string_view body, std::string_view endpoint);
// Crypto snapshots: {"snapshots": {"BTC/USD": {…}}}.
core::Result<Snapshots> parse_crypto_snapshots(std::string_view body, std::string_view endpoint);
// One asset object, or an array of them (/v2/assets).
core::Result<Asset> parse_asset(std::string_view body, std::string_view endpoint);
core::Result<std::vector<Asset>> parse_assets(std::string_view body, std::string_view endpoint);
core::Result<MarketClock> parse_clock(std::string_view body, std::string_view endpoint);
core::Result<std::vector<CalendarDay>> parse_calendar(std::string_view body,
                                                      std::string_view endpoint);
// {"code": …, "message": …}; a body that is not such an object yields an error.
core::Result<ApiErrorBody> parse_error_body(std::string_view body, std::string_view endpoint);

} // namespace crew::alpaca
