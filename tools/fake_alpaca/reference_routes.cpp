// Reference routes on the trading base path: /v2/assets (built from the symbols the fake holds,
// with the fields of alpaca-api.md 3.4), /v2/clock and /v2/calendar (from the calendar module,
// times in New York with their offset, as Alpaca sends them).
#include "calendar/market_calendar.hpp"
#include "core/decimal.hpp"
#include "route_context.hpp"
#include "venue_rules.hpp"

#include <cstdio>
#include <functional>

namespace crew::fake_alpaca {
namespace {

using nlohmann::json;

// A stable UUID-shaped id derived from the symbol.
std::string asset_id(const std::string& symbol) {
  const auto hash = std::hash<std::string>{}(symbol);
  const auto low = static_cast<unsigned long long>(hash);
  const auto high = static_cast<unsigned long long>(std::hash<std::string>{}(symbol + "#"));
  char text[40];
  std::snprintf(text, sizeof text, "%08llx-%04llx-4%03llx-a%03llx-%012llx", high >> 32U,
                (high >> 16U) & 0xFFFFU, high & 0xFFFU, (low >> 52U) & 0xFFFU,
                low & 0xFFFFFFFFFFFFULL);
  return text;
}

double last_close(const SymbolBars& bars) {
  const data::BarSeries* series = BarSource::finest(bars);
  return series == nullptr || series->empty() ? 0.0 : series->close().back();
}

json asset_json(const SymbolBars& bars) {
  const auto& symbol = bars.symbol;
  const bool crypto = symbol.asset_class() == core::AssetClass::crypto;
  json asset = {{"id", asset_id(symbol.str())},
                {"class", crypto ? "crypto" : "us_equity"},
                {"exchange", crypto ? "CRYPTO" : "NASDAQ"},
                {"symbol", symbol.str()},
                {"name", crypto ? symbol.base() + " / " + symbol.quote() : symbol.str() + " Inc."},
                {"status", "active"},
                {"tradable", true},
                {"marginable", !crypto},
                {"maintenance_margin_requirement", crypto ? 100 : 30},
                {"margin_requirement_long", crypto ? "100" : "30"},
                {"margin_requirement_short", crypto ? "100" : "30"},
                {"shortable", !crypto},
                {"easy_to_borrow", !crypto},
                {"fractionable", true},
                {"attributes", json::array()}};
  if (crypto) {
    // The same facts the trading routes judge orders by (venue_rules.hpp), at the last price.
    const double price = last_close(bars);
    const AssetFacts facts = fake_asset(symbol, price);
    asset["min_order_size"] = facts.min_order_size->to_string();
    asset["min_trade_increment"] = facts.min_trade_increment->to_string();
    asset["price_increment"] = price >= 10'000 ? "1" : price >= 1 ? "0.01" : "0.000001";
  }
  return asset;
}

void handle_assets(const httplib::Request& req, httplib::Response& res,
                   const RouteContext& context) {
  const std::string status = req.get_param_value("status");
  const std::string asset_class = req.get_param_value("asset_class");
  json assets = json::array();
  if (status.empty() || status == "active") {
    for (const auto& [name, bars] : context.source.symbols()) {
      json asset = asset_json(bars);
      if (asset_class.empty() || asset["class"] == asset_class) {
        assets.push_back(std::move(asset));
      }
    }
  }
  send_json(res, 200, assets);
}

void handle_asset(const httplib::Request& req, httplib::Response& res,
                  const RouteContext& context) {
  const std::string wanted = req.matches[1];
  const SymbolBars* bars = context.source.find(wanted);
  if (bars == nullptr) {
    for (const auto& [name, candidate] : context.source.symbols()) {
      if (asset_id(name) == wanted) {
        bars = &candidate;
      }
    }
  }
  if (bars == nullptr) {
    send_error(res, 404, 40410000, "asset not found for " + wanted);
    return;
  }
  send_json(res, 200, asset_json(*bars));
}

void handle_clock(httplib::Response& res, const RouteContext& context) {
  const core::UtcTime now = context.now();
  const auto market = core::AssetClass::us_equity;
  const bool open = calendar::is_open(market, now);
  const core::UtcTime next_open =
      open ? calendar::next_open(market, calendar::next_close(market, now).value())
           : calendar::next_open(market, now);
  const core::UtcTime next_close = calendar::next_close(market, now).value();
  send_json(res, 200,
            {{"timestamp", calendar::format_new_york_rfc3339(now)},
             {"is_open", open},
             {"next_open", calendar::format_new_york_rfc3339(next_open)},
             {"next_close", calendar::format_new_york_rfc3339(next_close)}});
}

std::string wall_time(core::UtcTime t, bool colon) {
  // format_new_york gives "09:30 -04:00"; keep HH:MM or HHMM.
  const std::string text = calendar::format_new_york(t).substr(0, 5);
  return colon ? text : text.substr(0, 2) + text.substr(3, 2);
}

void handle_calendar(const httplib::Request& req, httplib::Response& res,
                     const RouteContext& context) {
  const auto today = calendar::new_york_date(context.now());
  auto from = today;
  auto to = today + std::chrono::days{30};
  for (const auto& [name, out] : {std::pair{"start", &from}, std::pair{"end", &to}}) {
    if (req.has_param(name)) {
      const auto day = core::parse_day(req.get_param_value(name).substr(0, 10));
      if (!day) {
        send_error(res, 422, 42210000, std::string("invalid ") + name);
        return;
      }
      *out = *day;
    }
  }
  if (to - from > std::chrono::days{366 * 40}) {
    send_error(res, 422, 42210000, "range too long for fake_alpaca");
    return;
  }
  json days = json::array();
  for (const auto& session : calendar::nyse_sessions(from, to)) {
    const auto session_close = session.close + std::chrono::hours{4};
    days.push_back({{"date", core::format_date(session.date)},
                    {"open", wall_time(session.open, true)},
                    {"close", wall_time(session.close, true)},
                    {"session_open", "0400"},
                    {"session_close", wall_time(session_close, false)}});
  }
  send_json(res, 200, days);
}

} // namespace

void add_reference_routes(httplib::Server& server, const RouteContext& context) {
  server.Get("/v2/assets",
             [&context](const auto& req, auto& res) { handle_assets(req, res, context); });
  server.Get(R"(/v2/assets/(.+))",
             [&context](const auto& req, auto& res) { handle_asset(req, res, context); });
  server.Get("/v2/clock", [&context](const auto&, auto& res) { handle_clock(res, context); });
  server.Get("/v2/calendar",
             [&context](const auto& req, auto& res) { handle_calendar(req, res, context); });
}

} // namespace crew::fake_alpaca
