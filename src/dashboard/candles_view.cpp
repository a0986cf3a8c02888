#include "dashboard/candles_view.hpp"

#include <algorithm>
#include <charconv>

namespace crew::dashboard {
namespace {

using nlohmann::json;

constexpr std::size_t k_max_candles = 5000;

// How much calendar time `count` bars span at most: equities trade 6.5 of 24 hours, 5 of 7
// days, and holidays, so their bars need about seven times their length.
core::Duration span_of(const CandleQuery& query) {
  const auto factor = query.symbol.asset_class() == core::AssetClass::crypto ? 2 : 7;
  return core::duration(query.timeframe) * static_cast<std::int64_t>(query.limit) * factor;
}

// The open time of the bar containing `t`, if a bar does.
std::optional<std::int64_t> bar_containing(const data::BarSeries& bars, core::Timeframe timeframe,
                                           core::UtcTime t) {
  const auto times = bars.time();
  const auto after = std::upper_bound(times.begin(), times.end(), t);
  if (after == times.begin()) {
    return std::nullopt;
  }
  const auto open = *(after - 1);
  if (t >= open + core::duration(timeframe)) {
    return std::nullopt;
  }
  return open.seconds();
}

json marker(std::int64_t bar_time, core::UtcTime t, const char* kind, core::Decimal price,
            const std::string& text) {
  return {{"time", bar_time},
          {"at", core::format_rfc3339(t)},
          {"kind", kind},
          {"price", price.to_double()},
          {"text", text}};
}

} // namespace

core::Result<CandleQuery> parse_candle_query(std::string_view symbol, std::string_view timeframe,
                                             std::string_view limit, const config::Config& config) {
  if (symbol.empty()) {
    return core::Error{"missing symbol", "symbol"};
  }
  auto parsed = core::classify_symbol(symbol);
  if (!parsed) {
    return core::Error{parsed.error().what, "symbol"};
  }
  CandleQuery query;
  query.symbol = *parsed;
  if (timeframe.empty()) {
    query.timeframe = config.profile(parsed->asset_class()).signal_timeframe;
  } else {
    auto tf = core::parse_timeframe(timeframe);
    if (!tf) {
      return core::Error{tf.error().what, "timeframe"};
    }
    query.timeframe = *tf;
  }
  if (!limit.empty()) {
    std::size_t n = 0;
    const auto* end = limit.data() + limit.size();
    const auto [ptr, ec] = std::from_chars(limit.data(), end, n);
    if (ec != std::errc{} || ptr != end || n == 0 || n > k_max_candles) {
      return core::Error{"'" + std::string(limit) + "' is not a count from 1 to 5000", "limit"};
    }
    query.limit = n;
  }
  return query;
}

core::Result<nlohmann::json> candles_view(ViewContext& context, const data::BarStore& store,
                                          const CandleQuery& query) {
  // Only bars complete at "now": a simulation's store already holds the bars of its future.
  const auto to = context.now - core::duration(query.timeframe) + core::Duration{1};
  auto bars = store.read(query.symbol, query.timeframe, to - span_of(query), to);
  if (!bars) {
    return bars.error();
  }
  const std::size_t first = bars->size() > query.limit ? bars->size() - query.limit : 0;
  data::BarSeries shown(query.symbol, query.timeframe);
  json candles = json::array();
  for (std::size_t i = first; i < bars->size(); ++i) {
    const auto bar = bars->at(i);
    shown.push_back(bar);
    candles.push_back({{"time", bar.time.seconds()},
                       {"open", bar.open},
                       {"high", bar.high},
                       {"low", bar.low},
                       {"close", bar.close},
                       {"volume", bar.volume}});
  }
  state::RecordQuery trades_of;
  trades_of.symbol = query.symbol.str();
  auto trades = context.store.trades(trades_of);
  auto position = context.store.find_position(query.symbol);
  if (!trades || !position) {
    return core::Error{"cannot read the state store", context.store.path().string()};
  }
  json markers = json::array();
  auto add = [&](core::UtcTime t, const char* kind, core::Decimal price, const std::string& text) {
    if (const auto bar = bar_containing(shown, query.timeframe, t)) {
      markers.push_back(marker(*bar, t, kind, price, text));
    }
  };
  for (const auto& t : *trades) {
    add(t.entry_time, "entry", t.entry_price, "buy " + t.qty.to_string() + " (" + t.strategy + ")");
    add(t.exit_time, "exit", t.exit_price, "sell: " + t.exit_reason + ", pnl " + t.pnl.to_string());
  }
  if (position->has_value()) {
    const auto& p = **position;
    add(p.opened_at, "entry", p.position.avg_entry_price,
        "buy " + p.position.qty.to_string() + " (" + p.strategy + ", open)");
  }
  std::stable_sort(markers.begin(), markers.end(), [](const json& a, const json& b) {
    return a["time"].get<std::int64_t>() < b["time"].get<std::int64_t>();
  });
  return json{{"symbol", query.symbol.str()},
              {"timeframe", std::string(core::to_string(query.timeframe))},
              {"candles", candles},
              {"markers", markers}};
}

} // namespace crew::dashboard
