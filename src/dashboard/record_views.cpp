#include "dashboard/record_views.hpp"

#include "state/record_json.hpp"

#include <algorithm>

namespace crew::dashboard {
namespace {

using nlohmann::json;

using state::decimal_or_null;

// The realised curve: equity before the first trade, then after each exit, ending at `equity`.
json curve_from_trades(const std::vector<state::TradeRecord>& trades, core::Decimal equity,
                       core::UtcTime now) {
  core::Decimal total;
  for (const auto& t : trades) {
    total = total + t.pnl;
  }
  json points = json::array();
  core::Decimal running = equity - total;
  if (!trades.empty()) {
    points.push_back({{"time", core::format_rfc3339(trades.front().entry_time)},
                      {"equity", running.to_string()}});
  }
  for (const auto& t : trades) {
    running = running + t.pnl;
    points.push_back(
        {{"time", core::format_rfc3339(t.exit_time)}, {"equity", running.to_string()}});
  }
  if (points.empty() || trades.back().exit_time < now) {
    points.push_back({{"time", core::format_rfc3339(now)}, {"equity", equity.to_string()}});
  }
  return points;
}

} // namespace

core::Result<nlohmann::json> positions_view(ViewContext& context) {
  auto positions = context.store.positions();
  if (!positions) {
    return positions.error();
  }
  std::sort(positions->begin(), positions->end(), [](const auto& a, const auto& b) {
    return a.position.symbol.str() < b.position.symbol.str();
  });
  json rows = json::array();
  for (const auto& r : *positions) {
    const auto& p = r.position;
    rows.push_back({{"symbol", p.symbol.str()},
                    {"market", std::string(core::to_string(r.market()))},
                    {"qty", p.qty.to_string()},
                    {"avg_entry_price", p.avg_entry_price.to_string()},
                    {"current_price", p.current_price.to_string()},
                    {"market_value", p.market_value.to_string()},
                    {"unrealized_pl", p.unrealized_pl.to_string()},
                    {"strategy", r.strategy},
                    {"stop_price", decimal_or_null(r.stop_price)},
                    {"opened_at", core::format_rfc3339(r.opened_at)},
                    {"updated_at", core::format_rfc3339(r.updated_at)}});
  }
  return json{{"as_of", core::format_rfc3339(context.now)}, {"positions", rows}};
}

core::Result<nlohmann::json> trades_view(ViewContext& context, std::size_t limit,
                                         std::optional<core::AssetClass> market) {
  state::RecordQuery query;
  query.market = market;
  auto trades = context.store.trades(query);
  if (!trades) {
    return trades.error();
  }
  json rows = json::array();
  for (auto it = trades->rbegin(); it != trades->rend() && rows.size() < limit; ++it) {
    rows.push_back(state::trade_json(*it));
  }
  return json{{"total", trades->size()}, {"trades", rows}};
}

core::Result<nlohmann::json> equity_view(ViewContext& context, std::size_t max_points) {
  const auto end = context.now + std::chrono::seconds{1};
  auto curve = context.store.equity_curve(core::UtcTime{}, end, max_points);
  if (!curve) {
    return curve.error();
  }
  if (!curve->empty()) {
    json points = json::array();
    for (const auto& p : *curve) {
      points.push_back({{"time", core::format_rfc3339(p.time)}, {"equity", p.equity.to_string()}});
    }
    return json{{"source", "history"}, {"points", points}};
  }
  auto equity = context.store.setting("account.equity");
  auto trades = context.store.trades();
  if (!equity || !trades) {
    return core::Error{"cannot read the state store", context.store.path().string()};
  }
  if (!equity->has_value()) {
    return json{{"source", "none"}, {"points", json::array()}};
  }
  auto current = core::parse_decimal(**equity);
  if (!current) {
    return core::Error{"malformed setting: " + current.error().what, "account.equity"};
  }
  return json{{"source", "trades"}, {"points", curve_from_trades(*trades, *current, context.now)}};
}

core::Result<nlohmann::json> scan_view(ViewContext& context) {
  auto scan = context.store.latest_scan();
  if (!scan) {
    return scan.error();
  }
  if (!scan->has_value()) {
    return json{{"scan", nullptr}};
  }
  const auto& s = **scan;
  json ranked = json::array();
  for (const auto& e : s.ranked) {
    ranked.push_back({{"symbol", e.symbol},
                      {"strategy", e.strategy},
                      {"score", e.score},
                      {"close", e.close},
                      {"reason", e.reason}});
  }
  return json{{"scan",
               {{"time", core::format_rfc3339(s.time)},
                {"market", std::string(core::to_string(s.market))},
                {"symbols_scanned", s.symbols_scanned},
                {"signals", s.ranked.size()},
                {"ranked", ranked}}}};
}

core::Result<nlohmann::json> alerts_view(ViewContext& context, std::size_t limit) {
  auto alerts = context.store.events(core::UtcTime{}, context.now + std::chrono::seconds{1},
                                     state::EventKind::alert);
  if (!alerts) {
    return alerts.error();
  }
  json rows = json::array();
  for (auto it = alerts->rbegin(); it != alerts->rend() && rows.size() < limit; ++it) {
    rows.push_back(
        {{"time", core::format_rfc3339(it->time)},
         {"market", it->market ? json(std::string(core::to_string(*it->market))) : json(nullptr)},
         {"text", it->message}});
  }
  return json{{"total", alerts->size()}, {"alerts", rows}};
}

} // namespace crew::dashboard
