#include "dashboard/status_views.hpp"

#include "calendar/market_calendar.hpp"
#include "risk/risk_rules.hpp"
#include "scan/market_rotation.hpp"
#include "state/record_json.hpp"
#include "state/risk_snapshot.hpp"

#include <chrono>

namespace crew::dashboard {
namespace {

using nlohmann::json;

using state::time_or_null;

double seconds_between(core::UtcTime from, core::UtcTime to) {
  return std::chrono::duration<double>(to - from).count();
}

core::Result<scan::PerformanceByMarket> performance(state::StateStore& store) {
  auto stored = store.market_performance();
  if (!stored) {
    return stored.error();
  }
  scan::PerformanceByMarket out;
  for (const auto& p : *stored) {
    out[p.market] = scan::MarketPerformance{static_cast<int>(p.trades), static_cast<int>(p.wins),
                                            p.total_pnl.to_double()};
  }
  return out;
}

scan::MarketRotation rotation_of(const ViewContext& context) {
  const auto& config = context.settings.config;
  return scan::MarketRotation(config.scheduler, config.scanner.trade_forex);
}

json next_switch_json(const ViewContext& context, const scan::PerformanceByMarket& perf) {
  const auto next = rotation_of(context).next_transition(context.now, perf);
  return {{"time", core::format_rfc3339(next.time)},
          {"kind", std::string(scan::to_string(next.kind))},
          {"next_market", std::string(core::to_string(next.next_market))},
          {"what", next.what},
          {"seconds", seconds_between(context.now, next.time)}};
}

// The loop's own answer when it is live; else what the rotation chooses at the view's "now".
json current_market_json(const ViewContext& context, const scan::PerformanceByMarket& perf) {
  const auto rotation = rotation_of(context);
  const auto decision = rotation.choose(context.now, perf);
  const auto market =
      context.live && context.live->market ? *context.live->market : decision.market;
  return {{"market", std::string(core::to_string(market))},
          {"reason", decision.reason},
          {"scan_interval_seconds", std::chrono::duration_cast<std::chrono::seconds>(
                                        rotation.scan_interval(market, context.now))
                                        .count()}};
}

core::Result<std::optional<core::UtcTime>> last_loop_time(ViewContext& context) {
  if (context.live && context.live->last_tick) {
    return context.live->last_tick;
  }
  return context.store.last_heartbeat();
}

} // namespace

core::Result<nlohmann::json> status_view(ViewContext& context) {
  auto& store = context.store;
  auto perf = performance(store);
  auto mode = store.setting("session.mode");
  auto equity = store.setting("account.equity");
  auto halt = store.halt_state();
  auto last = last_loop_time(context);
  auto positions = store.positions();
  auto calls = store.count_api_calls(context.now - std::chrono::hours{24}, context.now);
  auto all = store.market_performance();
  if (!perf || !mode || !equity || !halt || !last || !positions || !calls || !all) {
    return core::Error{"cannot read the state store", store.path().string()};
  }
  std::int64_t trades = 0;
  for (const auto& p : *all) {
    trades += p.trades;
  }
  const double quota =
      static_cast<double>(context.settings.config.alpaca.requests_per_minute) * 24 * 60;
  std::string mode_text = mode->value_or("none");
  if (context.live && !context.live->mode.empty()) {
    mode_text = context.live->mode;
  }
  return json{
      {"as_of", core::format_rfc3339(context.now)},
      {"wall_time", core::format_rfc3339(context.wall_now)},
      {"mode", mode_text},
      {"live", context.live.has_value()},
      {"current", current_market_json(context, *perf)},
      {"next_switch", next_switch_json(context, *perf)},
      {"equity", equity->value_or("")},
      {"halted", halt->halted},
      {"halt_reason", halt->reason},
      {"halted_since", time_or_null(halt->since)},
      {"last_loop_time", time_or_null(*last)},
      {"last_loop_wall_time", context.live ? time_or_null(context.live->last_tick_wall) : json()},
      {"open_positions", positions->size()},
      {"trades", trades},
      {"api_calls_24h", *calls},
      {"api_quota_pct", quota > 0 ? 100.0 * static_cast<double>(*calls) / quota : 0.0},
      // A --sim session sends no request: its zero is not a quiet real session's.
      {"api_calls_simulated", mode_text == "sim"},
  };
}

core::Result<nlohmann::json> markets_view(ViewContext& context) {
  auto perf = performance(context.store);
  auto switches =
      context.store.events(context.now - std::chrono::days{7},
                           context.now + std::chrono::seconds{1}, state::EventKind::market_switch);
  if (!perf || !switches) {
    return core::Error{"cannot read the state store", context.store.path().string()};
  }
  std::vector<core::AssetClass> markets{core::AssetClass::us_equity, core::AssetClass::crypto};
  if (context.settings.config.scanner.trade_forex) {
    markets.push_back(core::AssetClass::forex);
  }
  json rows = json::array();
  for (const auto market : markets) {
    const auto found = perf->find(market);
    const auto record = found == perf->end() ? scan::MarketPerformance{} : found->second;
    const bool open = calendar::is_open(market, context.now);
    rows.push_back({
        {"market", std::string(core::to_string(market))},
        {"open", open},
        {"next_open", open ? json(nullptr)
                           : json(core::format_rfc3339(calendar::next_open(market, context.now)))},
        {"next_close", time_or_null(calendar::next_close(market, context.now))},
        {"trades", record.trades},
        {"wins", record.wins},
        {"win_rate", record.trades > 0 ? static_cast<double>(record.wins) / record.trades : 0.0},
        {"pnl", record.total_profit},
        {"score", scan::performance_score(record)},
    });
  }
  json recent = json::array();
  for (auto it = switches->rbegin(); it != switches->rend() && recent.size() < 10; ++it) {
    recent.push_back({{"time", core::format_rfc3339(it->time)}, {"text", it->message}});
  }
  return json{{"as_of", core::format_rfc3339(context.now)},
              {"current", current_market_json(context, *perf)},
              {"next_switch", next_switch_json(context, *perf)},
              {"markets", rows},
              {"recent_switches", recent}};
}

core::Result<nlohmann::json> risk_view(ViewContext& context) {
  auto& store = context.store;
  risk::RiskState state;
  if (auto loaded = state::load_risk_inputs(store, context.now, state); !loaded) {
    return loaded.error();
  }
  auto equity_text = store.setting("account.equity");
  auto positions = store.positions();
  auto refusals =
      store.events(context.now - std::chrono::days{1}, context.now + std::chrono::seconds{1},
                   state::EventKind::risk_refusal);
  if (!equity_text || !positions || !refusals) {
    return core::Error{"cannot read the state store", store.path().string()};
  }
  const auto& limits = context.settings.config.risk;
  std::optional<core::Decimal> equity;
  if (equity_text->has_value()) {
    if (auto parsed = core::parse_decimal(**equity_text); parsed) {
      equity = *parsed;
    }
  }
  json drawdown = nullptr;
  if (equity && state.high_water_mark && state.high_water_mark->to_double() > 0) {
    drawdown = 1.0 - equity->to_double() / state.high_water_mark->to_double();
  }
  json markets = json::array();
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    const auto start = state.daily_start_equity.find(market);
    json day_return = nullptr;
    if (equity && start != state.daily_start_equity.end() && start->second.to_double() > 0) {
      day_return = equity->to_double() / start->second.to_double() - 1.0;
    }
    markets.push_back({{"market", std::string(core::to_string(market))},
                       {"day", core::format_date(risk::market_day(market, context.now))},
                       {"start_equity", start == state.daily_start_equity.end()
                                            ? json(nullptr)
                                            : json(start->second.to_string())},
                       {"day_return", day_return},
                       {"daily_loss_limit", market == core::AssetClass::crypto
                                                ? limits.daily_loss_limit_crypto
                                                : limits.daily_loss_limit_us_equity}});
  }
  json recent = json::array();
  for (auto it = refusals->rbegin(); it != refusals->rend() && recent.size() < 20; ++it) {
    recent.push_back({{"time", core::format_rfc3339(it->time)}, {"text", it->message}});
  }
  return json{
      {"as_of", core::format_rfc3339(context.now)},
      {"halted", state.halted},
      {"halt_reason", state.halt_reason},
      {"equity", equity ? json(equity->to_string()) : json(nullptr)},
      {"high_water_mark",
       state.high_water_mark ? json(state.high_water_mark->to_string()) : json(nullptr)},
      {"drawdown", drawdown},
      {"max_drawdown", limits.max_drawdown},
      {"open_positions", positions->size()},
      {"max_open_positions", limits.max_open_positions},
      {"entries_today", state.entry_times.size()},
      {"max_entries_per_day", limits.max_entries_per_day},
      {"open_orders", state.open_orders.size()},
      {"markets", markets},
      {"recent_refusals", recent},
  };
}

core::Result<Health> health_view(ViewContext& context) {
  auto wall_of_tick = last_tick_wall_time(context);
  auto loop_time = last_loop_time(context);
  if (!wall_of_tick || !loop_time) {
    return core::Error{"cannot read the state store", context.store.path().string()};
  }
  const auto limit = stale_limit(context.settings);
  json age = nullptr;
  bool healthy = false;
  if (*wall_of_tick) {
    const auto elapsed = context.wall_now - **wall_of_tick;
    age = std::chrono::duration<double>(elapsed).count();
    healthy = elapsed <= limit;
  }
  return Health{healthy, json{{"status", healthy ? "ok" : "stale"},
                              {"last_loop_time", time_or_null(*loop_time)},
                              {"last_loop_age_seconds", age},
                              {"stale_after_seconds", std::chrono::duration<double>(limit).count()},
                              {"live", context.live.has_value()}}};
}

} // namespace crew::dashboard
