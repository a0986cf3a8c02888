// Decoding with nlohmann::json in its non-throwing style: parse(…, allow_exceptions = false), then
// explicit type checks on every field, so a garbled response becomes one Error line naming the
// endpoint and the JSON path of the offending field.
#include "alpaca/json_mapping.hpp"

#include "alpaca/json_reader.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace crew::alpaca {
namespace {

using nlohmann::json;

using json_reader::find;
using json_reader::parse_json;
using json_reader::Where;

core::Result<double> number(const json& object, const char* key, const Where& where,
                            std::optional<double> fallback = std::nullopt) {
  const json* value = find(object, key);
  if (value == nullptr) {
    if (fallback) {
      return *fallback;
    }
    return where.at(key).error("missing number");
  }
  if (!value->is_number()) {
    return where.at(key).error("not a number");
  }
  return value->get<double>();
}

core::Result<std::string> text(const json& object, const char* key, const Where& where,
                               std::optional<std::string> fallback = std::nullopt) {
  const json* value = find(object, key);
  if (value == nullptr) {
    if (fallback) {
      return *fallback;
    }
    return where.at(key).error("missing string");
  }
  if (!value->is_string()) {
    return where.at(key).error("not a string");
  }
  return value->get<std::string>();
}

core::Result<bool> boolean(const json& object, const char* key, const Where& where) {
  const json* value = find(object, key);
  if (value == nullptr) {
    return false;
  }
  if (!value->is_boolean()) {
    return where.at(key).error("not a boolean");
  }
  return value->get<bool>();
}

core::Result<core::UtcTime> instant(const json& object, const char* key, const Where& where) {
  auto value = text(object, key, where);
  if (!value) {
    return value.error();
  }
  auto parsed = core::parse_rfc3339(*value);
  if (!parsed) {
    return where.at(key).error("not an RFC 3339 time: " + *value);
  }
  return parsed;
}

core::Result<std::optional<core::Decimal>> decimal(const json& object, const char* key,
                                                   const Where& where) {
  const json* value = find(object, key);
  if (value == nullptr) {
    return std::optional<core::Decimal>{};
  }
  if (!value->is_string()) {
    return where.at(key).error("not a decimal string");
  }
  auto parsed = core::parse_decimal(value->get<std::string>());
  if (!parsed) {
    return where.at(key).error(parsed.error().what);
  }
  return std::optional<core::Decimal>{*parsed};
}

core::Result<core::Bar> parse_bar(const json& value, const Where& where) {
  if (!value.is_object()) {
    return where.error("bar is not an object");
  }
  core::Bar bar;
  auto time = instant(value, "t", where);
  if (!time) {
    return time.error();
  }
  bar.time = *time;
  struct Field {
    const char* key;
    double* out;
    bool required;
  };
  const Field fields[] = {{"o", &bar.open, true},   {"h", &bar.high, true},
                          {"l", &bar.low, true},    {"c", &bar.close, true},
                          {"v", &bar.volume, true}, {"n", &bar.trade_count, false},
                          {"vw", &bar.vwap, false}};
  for (const auto& field : fields) {
    auto parsed =
        number(value, field.key, where, field.required ? std::nullopt : std::optional<double>(0.0));
    if (!parsed) {
      return parsed.error();
    }
    *field.out = *parsed;
  }
  return bar;
}

core::Result<std::vector<core::Bar>> parse_bar_array(const json& value, const Where& where) {
  if (!value.is_array()) {
    return where.error("not an array of bars");
  }
  std::vector<core::Bar> bars;
  bars.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto bar = parse_bar(value[i], where.index(i));
    if (!bar) {
      return bar.error();
    }
    bars.push_back(*bar);
  }
  return bars;
}

core::Result<std::optional<std::string>> page_token(const json& doc, const Where& where) {
  const json* token = find(doc, "next_page_token");
  if (token == nullptr) {
    return std::optional<std::string>{};
  }
  if (!token->is_string()) {
    return where.at("next_page_token").error("not a string");
  }
  return std::optional<std::string>{token->get<std::string>()};
}

core::Result<LatestTrade> parse_trade(const json& trade, const Where& at) {
  if (!trade.is_object()) {
    return at.error("trade is not an object");
  }
  auto time = instant(trade, "t", at);
  auto price = number(trade, "p", at);
  auto size = number(trade, "s", at, 0.0);
  if (!time || !price || !size) {
    return !time ? time.error() : !price ? price.error() : size.error();
  }
  return LatestTrade{*time, *price, *size};
}

core::Result<LatestQuote> parse_quote(const json& quote, const Where& at) {
  if (!quote.is_object()) {
    return at.error("quote is not an object");
  }
  auto time = instant(quote, "t", at);
  if (!time) {
    return time.error();
  }
  LatestQuote parsed{*time};
  const std::pair<const char*, double*> fields[] = {{"bp", &parsed.bid_price},
                                                    {"bs", &parsed.bid_size},
                                                    {"ap", &parsed.ask_price},
                                                    {"as", &parsed.ask_size}};
  for (const auto& [key, out] : fields) {
    auto field = number(quote, key, at, 0.0);
    if (!field) {
      return field.error();
    }
    *out = *field;
  }
  return parsed;
}

// {"<wrapper>": {"SYM": value}} decoded with `parse_one`.
template <typename T, typename Parse>
core::Result<std::map<std::string, T>> parse_latest_map(std::string_view body,
                                                        std::string_view endpoint,
                                                        const char* wrapper, Parse parse_one) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an object");
  }
  std::map<std::string, T> latest;
  const json* values = find(*doc, wrapper);
  if (values == nullptr) {
    return latest;
  }
  if (!values->is_object()) {
    return where.at(wrapper).error("not an object keyed by symbol");
  }
  for (const auto& [symbol, value] : values->items()) {
    auto parsed = parse_one(value, where.at(wrapper).at(symbol));
    if (!parsed) {
      return parsed.error();
    }
    latest.emplace(symbol, *parsed);
  }
  return latest;
}

core::Result<Snapshot> parse_snapshot(const json& value, const Where& where) {
  if (!value.is_object()) {
    return where.error("snapshot is not an object");
  }
  Snapshot snapshot;
  if (const json* trade = find(value, "latestTrade")) {
    auto parsed = parse_trade(*trade, where.at("latestTrade"));
    if (!parsed) {
      return parsed.error();
    }
    snapshot.latest_trade = *parsed;
  }
  if (const json* quote = find(value, "latestQuote")) {
    auto parsed = parse_quote(*quote, where.at("latestQuote"));
    if (!parsed) {
      return parsed.error();
    }
    snapshot.latest_quote = *parsed;
  }
  const std::pair<const char*, std::optional<core::Bar>*> bars[] = {
      {"minuteBar", &snapshot.minute_bar},
      {"dailyBar", &snapshot.daily_bar},
      {"prevDailyBar", &snapshot.prev_daily_bar}};
  for (const auto& [key, out] : bars) {
    if (const json* bar_json = find(value, key)) {
      auto bar = parse_bar(*bar_json, where.at(key));
      if (!bar) {
        return bar.error();
      }
      *out = *bar;
    }
  }
  return snapshot;
}

core::Result<Snapshots> parse_snapshot_map(const json& object, const Where& where) {
  if (!object.is_object()) {
    return where.error("not an object of snapshots");
  }
  Snapshots snapshots;
  for (const auto& [symbol, value] : object.items()) {
    if (value.is_null()) {
      snapshots.emplace(symbol, std::nullopt);
      continue;
    }
    auto snapshot = parse_snapshot(value, where.at(symbol));
    if (!snapshot) {
      return snapshot.error();
    }
    snapshots.emplace(symbol, *snapshot);
  }
  return snapshots;
}

core::Result<Asset> parse_asset_value(const json& value, const Where& where) {
  if (!value.is_object()) {
    return where.error("asset is not an object");
  }
  Asset asset;
  const std::pair<const char*, std::string*> texts[] = {
      {"id", &asset.id},         {"class", &asset.asset_class}, {"exchange", &asset.exchange},
      {"symbol", &asset.symbol}, {"name", &asset.name},         {"status", &asset.status}};
  for (const auto& [key, out] : texts) {
    const bool required = std::string_view(key) == "symbol" || std::string_view(key) == "class";
    auto field = text(value, key, where, required ? std::nullopt : std::optional<std::string>(""));
    if (!field) {
      return field.error();
    }
    *out = *field;
  }
  const std::pair<const char*, bool*> flags[] = {{"tradable", &asset.tradable},
                                                 {"marginable", &asset.marginable},
                                                 {"shortable", &asset.shortable},
                                                 {"easy_to_borrow", &asset.easy_to_borrow},
                                                 {"fractionable", &asset.fractionable}};
  for (const auto& [key, out] : flags) {
    auto field = boolean(value, key, where);
    if (!field) {
      return field.error();
    }
    *out = *field;
  }
  if (const json* attributes = find(value, "attributes")) {
    if (!attributes->is_array()) {
      return where.at("attributes").error("not an array");
    }
    for (std::size_t i = 0; i < attributes->size(); ++i) {
      if (!(*attributes)[i].is_string()) {
        return where.at("attributes").index(i).error("not a string");
      }
      asset.attributes.push_back((*attributes)[i].get<std::string>());
    }
  }
  const std::pair<const char*, std::optional<core::Decimal>*> decimals[] = {
      {"min_order_size", &asset.min_order_size},
      {"min_trade_increment", &asset.min_trade_increment},
      {"price_increment", &asset.price_increment}};
  for (const auto& [key, out] : decimals) {
    auto field = decimal(value, key, where);
    if (!field) {
      return field.error();
    }
    *out = *field;
  }
  return asset;
}

// "09:30" or "0930" → minutes after midnight.
core::Result<std::chrono::minutes> wall_time(const json& object, const char* key,
                                             const Where& where) {
  auto value = text(object, key, where);
  if (!value) {
    return value.error();
  }
  std::string digits;
  for (const char c : *value) {
    if (c != ':') {
      digits.push_back(c);
    }
  }
  const bool well_formed =
      digits.size() == 4 && digits.find_first_not_of("0123456789") == std::string::npos;
  if (!well_formed) {
    return where.at(key).error("not a time of day: " + *value);
  }
  const int hours = std::stoi(digits.substr(0, 2));
  const int mins = std::stoi(digits.substr(2, 2));
  if (hours > 24 || mins > 59) {
    return where.at(key).error("not a time of day: " + *value);
  }
  return std::chrono::minutes{hours * 60 + mins};
}

} // namespace

core::Result<BarsPage> parse_bars_page(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an object");
  }
  BarsPage page;
  if (const json* bars = find(*doc, "bars")) {
    if (!bars->is_object()) {
      return where.at("bars").error("not an object keyed by symbol");
    }
    for (const auto& [symbol, value] : bars->items()) {
      auto parsed = parse_bar_array(value, where.at("bars").at(symbol));
      if (!parsed) {
        return parsed.error();
      }
      page.bars.emplace(symbol, std::move(parsed).value());
    }
  }
  auto token = page_token(*doc, where);
  if (!token) {
    return token.error();
  }
  page.next_page_token = *token;
  return page;
}

core::Result<BarsPage> parse_single_symbol_bars_page(std::string_view body,
                                                     std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an object");
  }
  auto symbol = text(*doc, "symbol", where);
  if (!symbol) {
    return symbol.error();
  }
  BarsPage page;
  std::vector<core::Bar> bars;
  if (const json* array = find(*doc, "bars")) {
    auto parsed = parse_bar_array(*array, where.at("bars"));
    if (!parsed) {
      return parsed.error();
    }
    bars = std::move(parsed).value();
  }
  if (!bars.empty()) {
    page.bars.emplace(*symbol, std::move(bars));
  }
  auto token = page_token(*doc, where);
  if (!token) {
    return token.error();
  }
  page.next_page_token = *token;
  return page;
}

core::Result<std::map<std::string, core::Bar>> parse_latest_bars(std::string_view body,
                                                                 std::string_view endpoint) {
  return parse_latest_map<core::Bar>(body, endpoint, "bars", parse_bar);
}

core::Result<std::map<std::string, LatestQuote>> parse_latest_quotes(std::string_view body,
                                                                     std::string_view endpoint) {
  return parse_latest_map<LatestQuote>(body, endpoint, "quotes", parse_quote);
}

core::Result<std::map<std::string, LatestTrade>> parse_latest_trades(std::string_view body,
                                                                     std::string_view endpoint) {
  return parse_latest_map<LatestTrade>(body, endpoint, "trades", parse_trade);
}

core::Result<Snapshots> parse_stock_snapshots(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  return parse_snapshot_map(*doc, Where{endpoint, ""});
}

core::Result<Snapshots> parse_crypto_snapshots(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an object");
  }
  const json* snapshots = find(*doc, "snapshots");
  if (snapshots == nullptr) {
    return Snapshots{};
  }
  return parse_snapshot_map(*snapshots, where.at("snapshots"));
}

core::Result<Asset> parse_asset(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  return parse_asset_value(*doc, Where{endpoint, ""});
}

core::Result<std::vector<Asset>> parse_assets(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_array()) {
    return where.error("not an array of assets");
  }
  std::vector<Asset> assets;
  assets.reserve(doc->size());
  for (std::size_t i = 0; i < doc->size(); ++i) {
    auto asset = parse_asset_value((*doc)[i], where.index(i));
    if (!asset) {
      return asset.error();
    }
    assets.push_back(std::move(asset).value());
  }
  return assets;
}

core::Result<MarketClock> parse_clock(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("not an object");
  }
  auto timestamp = instant(*doc, "timestamp", where);
  auto next_open = instant(*doc, "next_open", where);
  auto next_close = instant(*doc, "next_close", where);
  auto is_open = boolean(*doc, "is_open", where);
  if (!timestamp || !next_open || !next_close || !is_open) {
    return !timestamp    ? timestamp.error()
           : !next_open  ? next_open.error()
           : !next_close ? next_close.error()
                         : is_open.error();
  }
  return MarketClock{*timestamp, *is_open, *next_open, *next_close};
}

core::Result<std::vector<CalendarDay>> parse_calendar(std::string_view body,
                                                      std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_array()) {
    return where.error("not an array of days");
  }
  std::vector<CalendarDay> days;
  days.reserve(doc->size());
  for (std::size_t i = 0; i < doc->size(); ++i) {
    const json& value = (*doc)[i];
    const Where at = where.index(i);
    if (!value.is_object()) {
      return at.error("day is not an object");
    }
    auto date_text = text(value, "date", at);
    if (!date_text) {
      return date_text.error();
    }
    auto date = core::parse_day(*date_text);
    if (!date) {
      return at.at("date").error("not a date: " + *date_text);
    }
    CalendarDay day{*date};
    const std::pair<const char*, std::chrono::minutes*> times[] = {
        {"open", &day.open},
        {"close", &day.close},
        {"session_open", &day.session_open},
        {"session_close", &day.session_close}};
    for (const auto& [key, out] : times) {
      auto parsed = wall_time(value, key, at);
      if (!parsed) {
        return parsed.error();
      }
      *out = *parsed;
    }
    days.push_back(day);
  }
  return days;
}

core::Result<ApiErrorBody> parse_error_body(std::string_view body, std::string_view endpoint) {
  auto doc = parse_json(body, endpoint);
  if (!doc) {
    return doc.error();
  }
  const Where where{endpoint, ""};
  if (!doc->is_object()) {
    return where.error("error body is not an object");
  }
  ApiErrorBody error;
  if (const json* code = find(*doc, "code")) {
    if (!code->is_number_integer()) {
      return where.at("code").error("not an integer");
    }
    error.code = code->get<std::int64_t>();
  }
  auto message = text(*doc, "message", where);
  if (!message) {
    return message.error();
  }
  error.message = *message;
  return error;
}

} // namespace crew::alpaca
