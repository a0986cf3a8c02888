// Market-data routes (alpaca-api.md section 4): historical bars (multi- and single-symbol, stock
// and crypto), latest bars and snapshots. Paging follows section 8.5: `limit` counts bars across
// all symbols, symbols are served in sorted order and each symbol's bars in time order,
// start and end are inclusive, and the token names the symbol and time of the last bar sent.
#include "route_context.hpp"

#include <algorithm>
#include <charconv>
#include <set>

namespace crew::fake_alpaca {
namespace {

using nlohmann::json;

constexpr std::int64_t k_invalid_parameter = 42210000;

std::optional<core::Timeframe> parse_alpaca_timeframe(std::string text) {
  if (!text.empty()) {
    const char unit = text.back();
    const std::string number = text.substr(0, text.size() - 1);
    if (unit == 'T') {
      text = number + "Min";
    } else if (unit == 'H') {
      text = number + "Hour";
    } else if (unit == 'D') {
      text = number + "Day";
    }
  }
  auto timeframe = core::parse_timeframe(text);
  if (!timeframe) {
    return std::nullopt;
  }
  return *timeframe;
}

bool serves(const SymbolBars& bars, core::AssetClass asset_class) {
  return bars.symbol.asset_class() == asset_class;
}

struct BarsQuery {
  std::vector<const SymbolBars*> symbols; // sorted by symbol, known ones only
  core::Timeframe timeframe = core::Timeframe::hour1;
  std::string timeframe_text;
  core::UtcTime start;
  core::UtcTime end;
  std::size_t limit = 1000;
  std::optional<PageCursor> cursor;
};

// Parses the parameters; on bad input answers the request and returns nullopt.
std::optional<BarsQuery> parse_bars_query(const httplib::Request& req, httplib::Response& res,
                                          const RouteContext& context, core::AssetClass asset_class,
                                          std::vector<std::string> requested) {
  BarsQuery query;
  if (requested.empty()) {
    send_error(res, 400, k_invalid_parameter, "missing symbols");
    return std::nullopt;
  }
  query.timeframe_text = req.get_param_value("timeframe");
  const auto timeframe = parse_alpaca_timeframe(query.timeframe_text);
  if (!timeframe) {
    send_error(res, 422, k_invalid_parameter, "invalid timeframe");
    return std::nullopt;
  }
  query.timeframe = *timeframe;
  const core::UtcTime now = context.now();
  query.start = core::UtcTime::from_sys(now.day());
  query.end = now;
  for (const auto& [name, out] : {std::pair{"start", &query.start}, std::pair{"end", &query.end}}) {
    if (req.has_param(name)) {
      const auto parsed = parse_time_param(req.get_param_value(name));
      if (!parsed) {
        send_error(res, 422, k_invalid_parameter, std::string("invalid ") + name);
        return std::nullopt;
      }
      *out = *parsed;
    }
  }
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    int limit = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc{} || ptr != text.data() + text.size() || limit < 1 || limit > 10'000) {
      send_error(res, 422, k_invalid_parameter, "invalid limit: must be between 1 and 10000");
      return std::nullopt;
    }
    query.limit = static_cast<std::size_t>(limit);
  }
  if (req.has_param("sort") && req.get_param_value("sort") != "asc") {
    send_error(res, 422, k_invalid_parameter, "fake_alpaca serves sort=asc only");
    return std::nullopt;
  }
  if (req.has_param("page_token")) {
    query.cursor = decode_page_token(req.get_param_value("page_token"));
    if (!query.cursor) {
      send_error(res, 422, k_invalid_parameter, "invalid page_token");
      return std::nullopt;
    }
  }
  std::set<std::string> seen;
  for (const auto& name : requested) {
    const SymbolBars* bars = context.source.find(name);
    if (bars != nullptr && serves(*bars, asset_class) && seen.insert(bars->symbol.str()).second) {
      query.symbols.push_back(bars);
    }
  }
  std::sort(query.symbols.begin(), query.symbols.end(),
            [](const SymbolBars* a, const SymbolBars* b) { return a->symbol < b->symbol; });
  return query;
}

// One page: bars by symbol and the next token (empty when this is the last page).
std::pair<std::map<std::string, json>, std::optional<std::string>> page_of(const BarsQuery& query) {
  std::map<std::string, json> out;
  std::size_t sent = 0;
  std::optional<std::string> token;
  for (const SymbolBars* bars : query.symbols) {
    const std::string& name = bars->symbol.str();
    if (query.cursor && name < query.cursor->symbol) {
      continue;
    }
    const auto it = bars->series.find(query.timeframe);
    if (it == bars->series.end()) {
      continue;
    }
    const data::BarSeries& series = it->second;
    core::UtcTime from = query.start;
    if (query.cursor && name == query.cursor->symbol) {
      from = std::max(from, query.cursor->last + core::Duration{1});
    }
    const bool integer_volume = bars->symbol.asset_class() == core::AssetClass::us_equity;
    for (std::size_t i = series.lower_bound(from); i < series.size(); ++i) {
      const core::Bar bar = series.at(i);
      if (bar.time > query.end) {
        break;
      }
      if (sent == query.limit) {
        return {std::move(out), token};
      }
      out[name].push_back(bar_json(bar, integer_volume));
      ++sent;
      token = encode_page_token(name, query.timeframe_text, bar.time);
    }
  }
  return {std::move(out), std::nullopt};
}

void handle_multi_bars(const httplib::Request& req, httplib::Response& res,
                       const RouteContext& context, core::AssetClass asset_class) {
  auto query = parse_bars_query(req, res, context, asset_class,
                                split_symbols(req.get_param_value("symbols")));
  if (!query) {
    return;
  }
  auto [bars, token] = page_of(*query);
  json body = {{"bars", json::object()}, {"next_page_token", nullptr}};
  for (auto& [symbol, list] : bars) {
    body["bars"][symbol] = std::move(list);
  }
  if (token) {
    body["next_page_token"] = *token;
  }
  send_json(res, 200, body);
}

void handle_single_bars(const httplib::Request& req, httplib::Response& res,
                        const RouteContext& context) {
  const std::string symbol = req.matches[1];
  auto query = parse_bars_query(req, res, context, core::AssetClass::us_equity, {symbol});
  if (!query) {
    return;
  }
  auto [bars, token] = page_of(*query);
  json body = {{"bars", json::array()}, {"symbol", symbol}, {"next_page_token", nullptr}};
  if (!bars.empty()) {
    body["bars"] = std::move(bars.begin()->second);
  }
  if (token) {
    body["next_page_token"] = *token;
  }
  send_json(res, 200, body);
}

std::optional<core::Bar> last_bar(const data::BarSeries* series, std::size_t back = 0) {
  if (series == nullptr || series->size() <= back) {
    return std::nullopt;
  }
  return series->at(series->size() - 1 - back);
}

void handle_latest_bars(const httplib::Request& req, httplib::Response& res,
                        const RouteContext& context, core::AssetClass asset_class) {
  json bars = json::object();
  for (const auto& name : split_symbols(req.get_param_value("symbols"))) {
    const SymbolBars* known = context.source.find(name);
    if (known == nullptr || !serves(*known, asset_class)) {
      continue;
    }
    if (const auto bar = last_bar(BarSource::finest(*known))) {
      bars[name] = bar_json(*bar, asset_class == core::AssetClass::us_equity);
    }
  }
  send_json(res, 200, {{"bars", bars}});
}

json snapshot_json(const SymbolBars& bars) {
  const bool stock = bars.symbol.asset_class() == core::AssetClass::us_equity;
  json snapshot = json::object();
  if (const auto minute = last_bar(BarSource::finest(bars))) {
    const auto close_time = minute->time + core::duration(BarSource::finest(bars)->timeframe()) -
                            std::chrono::seconds{1};
    snapshot["minuteBar"] = bar_json(*minute, stock);
    snapshot["latestTrade"] = {{"t", core::format_rfc3339(close_time)},
                               {"p", minute->close},
                               {"s", stock ? json(100) : json(0.01)},
                               {"i", 1}};
    snapshot["latestQuote"] = {{"t", core::format_rfc3339(close_time)},
                               {"bp", minute->close * 0.9995},
                               {"bs", 1},
                               {"ap", minute->close * 1.0005},
                               {"as", 1}};
  }
  const auto daily = bars.series.find(core::Timeframe::day1);
  if (daily != bars.series.end()) {
    if (const auto bar = last_bar(&daily->second)) {
      snapshot["dailyBar"] = bar_json(*bar, stock);
    }
    if (const auto bar = last_bar(&daily->second, 1)) {
      snapshot["prevDailyBar"] = bar_json(*bar, stock);
    }
  }
  return snapshot;
}

void handle_snapshots(const httplib::Request& req, httplib::Response& res,
                      const RouteContext& context, core::AssetClass asset_class) {
  json snapshots = json::object();
  const bool stock = asset_class == core::AssetClass::us_equity;
  for (const auto& name : split_symbols(req.get_param_value("symbols"))) {
    const SymbolBars* known = context.source.find(name);
    if (known != nullptr && serves(*known, asset_class)) {
      snapshots[name] = snapshot_json(*known);
    } else if (stock) {
      snapshots[name] = nullptr; // stocks: unknown symbols are null, crypto: absent
    }
  }
  send_json(res, 200, stock ? snapshots : json{{"snapshots", snapshots}});
}

} // namespace

void add_market_data_routes(httplib::Server& server, const RouteContext& context) {
  const auto stock = core::AssetClass::us_equity;
  const auto crypto = core::AssetClass::crypto;
  server.Get("/v2/stocks/bars", [&context, stock](const auto& req, auto& res) {
    handle_multi_bars(req, res, context, stock);
  });
  server.Get("/v2/stocks/bars/latest", [&context, stock](const auto& req, auto& res) {
    handle_latest_bars(req, res, context, stock);
  });
  server.Get("/v2/stocks/snapshots", [&context, stock](const auto& req, auto& res) {
    handle_snapshots(req, res, context, stock);
  });
  server.Get(R"(/v2/stocks/([^/]+)/bars)",
             [&context](const auto& req, auto& res) { handle_single_bars(req, res, context); });
  server.Get("/v1beta3/crypto/us/bars", [&context, crypto](const auto& req, auto& res) {
    handle_multi_bars(req, res, context, crypto);
  });
  server.Get("/v1beta3/crypto/us/latest/bars", [&context, crypto](const auto& req, auto& res) {
    handle_latest_bars(req, res, context, crypto);
  });
  server.Get("/v1beta3/crypto/us/snapshots", [&context, crypto](const auto& req, auto& res) {
    handle_snapshots(req, res, context, crypto);
  });
}

} // namespace crew::fake_alpaca
