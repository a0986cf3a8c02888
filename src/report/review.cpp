// Assembling a Review from the state store. The start equity is, in order of preference: the
// first recorded equity point of the period; the last known account equity less the P&L of every
// trade closed since the period began and less the open positions' unrealised P&L (an estimate:
// a position opened before the period counts wholly in it); the configured fallback. Uptime counts
// only from the loop's first heartbeat, so a program installed mid-week is not reported as down
// before it existed.
#include "report/review.hpp"

#include "backtest/metrics.hpp"

namespace crew::report {
namespace {

core::Result<double> estimated_start_equity(state::StateStore& store, const ReviewRequest& request,
                                            const std::vector<state::TradeRecord>& in_period) {
  auto last = store.setting("account.equity");
  if (!last) {
    return last.error();
  }
  if (!*last) {
    return request.fallback_equity;
  }
  auto equity = core::parse_decimal(**last);
  if (!equity) {
    return core::Error{"malformed stored equity: " + equity.error().what, "account.equity"};
  }
  state::RecordQuery later;
  later.from = request.to;
  auto after = store.trades(later);
  if (!after) {
    return after.error();
  }
  core::Decimal pnl;
  for (const auto& t : in_period) {
    pnl += t.pnl;
  }
  for (const auto& t : *after) {
    pnl += t.pnl;
  }
  auto positions = store.positions();
  if (!positions) {
    return positions.error();
  }
  for (const auto& p : *positions) {
    pnl += p.position.unrealized_pl;
  }
  return (*equity - pnl).to_double();
}

core::Status fill_equity(state::StateStore& store, const ReviewRequest& request, Review& review) {
  auto recorded = store.equity_curve(request.from, request.to, 2000);
  if (!recorded) {
    return recorded.error();
  }
  if (!recorded->empty()) {
    review.equity_recorded = true;
    review.equity = std::move(*recorded);
  } else {
    auto start = estimated_start_equity(store, request, review.trades);
    if (!start) {
      return start.error();
    }
    core::Decimal running = core::Decimal::from_double(*start);
    review.equity.push_back({request.from, running});
    for (const auto& t : review.trades) {
      running += t.pnl;
      review.equity.push_back({t.exit_time, running});
    }
  }
  std::vector<double> values;
  for (const auto& point : review.equity) {
    values.push_back(point.equity.to_double());
  }
  review.start_equity = values.front();
  review.end_equity = values.back();
  review.max_drawdown_fraction = backtest::max_drawdown(values, values.front());
  return {};
}

core::Status fill_operations(state::StateStore& store, const ReviewRequest& request,
                             Operations& ops) {
  auto calls = store.count_api_calls(request.from, request.to);
  if (!calls) {
    return calls.error();
  }
  ops.api_calls = *calls;
  auto mode = store.setting("session.mode");
  if (!mode) {
    return mode.error();
  }
  ops.api_calls_simulated = mode->has_value() && **mode == "sim";
  const double minutes = static_cast<double>((request.to - request.from).count()) / 60e9;
  const double quota = static_cast<double>(request.requests_per_minute) * minutes;
  ops.api_quota_fraction = quota > 0 ? static_cast<double>(*calls) / quota : 0.0;
  for (auto day = request.from.day();
       core::UtcTime::from_sys(day) < request.to && ops.api_calls_by_day.size() < 366;
       day += std::chrono::days{1}) {
    const auto start = std::max(request.from, core::UtcTime::from_sys(day));
    const auto end = std::min(request.to, core::UtcTime::from_sys(day + std::chrono::days{1}));
    auto count = store.count_api_calls(start, end);
    if (!count) {
      return count.error();
    }
    ops.api_calls_by_day.push_back({day, *count});
  }
  auto first = store.setting("session.first_heartbeat");
  if (!first) {
    return first.error();
  }
  if (*first) {
    auto began = core::parse_rfc3339(**first);
    if (!began) {
      return core::Error{"malformed first heartbeat: " + began.error().what,
                         "session.first_heartbeat"};
    }
    const auto from = std::max(request.from, *began);
    if (from < request.to) {
      auto up = store.uptime(from, request.to, 2 * request.tick);
      if (!up) {
        return up.error();
      }
      ops.uptime = up->fraction;
      ops.monitored_from = from;
      ops.heartbeats = up->heartbeats;
      ops.longest_gap = up->longest_gap;
    }
  }
  auto events = store.events(request.from, request.to);
  if (!events) {
    return events.error();
  }
  for (const auto& e : *events) {
    ops.alerts += e.kind == state::EventKind::alert ? 1 : 0;
    ops.halts += e.kind == state::EventKind::halt ? 1 : 0;
    ops.market_switches += e.kind == state::EventKind::market_switch ? 1 : 0;
  }
  return {};
}

} // namespace

core::Result<PeriodKind> parse_period(std::string_view text) {
  if (text == "day") {
    return PeriodKind::day;
  }
  if (text == "week") {
    return PeriodKind::week;
  }
  if (text == "month") {
    return PeriodKind::month;
  }
  return core::Error{"unknown period '" + std::string(text) + "' (day, week or month)", "--period"};
}

core::UtcTime period_start(PeriodKind kind, core::UtcTime end) {
  switch (kind) {
  case PeriodKind::day:
    return end - std::chrono::days{1};
  case PeriodKind::week:
    return end - std::chrono::days{7};
  case PeriodKind::month:
    break;
  }
  return end - std::chrono::days{30};
}

core::Result<Review> build_review(state::StateStore& store, const ReviewRequest& request) {
  if (!(request.from < request.to)) {
    return core::Error{"the period is empty: its end is not after its start", "report"};
  }
  Review review;
  review.from = request.from;
  review.to = request.to;
  state::RecordQuery query;
  query.from = request.from;
  query.to = request.to;
  auto trades = store.trades(query);
  if (!trades) {
    return trades.error();
  }
  review.trades = std::move(*trades);
  if (auto filled = fill_equity(store, request, review); !filled) {
    return filled.error();
  }
  review.total = trade_stats("all", review.trades, review.start_equity);
  review.by_market = stats_by_market(review.trades, review.start_equity);
  review.by_strategy = stats_by_strategy(review.trades, review.start_equity);
  if (auto filled = fill_operations(store, request, review.operations); !filled) {
    return filled.error();
  }
  return review;
}

} // namespace crew::report
