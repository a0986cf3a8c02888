// Positions of the trading session: stops on the latest price, exit signals on each completed
// bar, the transitions' closes, the risk manager's account actions and the halt flag.
#include "calendar/market_calendar.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/trading_session.hpp"
#include "execution/fill_rules.hpp"
#include "state/client_order_id.hpp"
#include "state/risk_snapshot.hpp"
#include "strategy/registry.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <set>

namespace crew::engine {

core::Result<risk::RiskState> TradingSession::risk_state(core::UtcTime now) {
  risk::RiskState state;
  if (auto loaded = state::load_risk_inputs(m_store, now, state); !loaded) {
    return loaded.error();
  }
  state.account = m_account;
  state.positions = m_positions;
  for (const auto& [symbol, price] : m_prices) {
    state.last_prices[symbol] = core::Decimal::from_double(price);
  }
  for (const auto& [market, flagged] : m_flagged) {
    state.flagged_symbols.insert(flagged.begin(), flagged.end());
  }
  return state;
}

core::Status TradingSession::handle_halt(core::UtcTime now) {
  const auto halt = m_store.halt_state();
  if (!halt) {
    return halt.error();
  }
  if (!halt->halted) {
    if (m_halt_handled) {
      notify(SessionNotice::Kind::alert, now, std::nullopt, "trading resumed");
    }
    m_halt_handled = false;
    return {};
  }
  if (m_halt_handled) {
    return flatten_while_halted(now);
  }
  m_halt_handled = true;
  notify(SessionNotice::Kind::halt, now, std::nullopt, "halted: " + halt->reason);
  // A halt stops new trading; the protective stops resting at the broker keep protecting what is
  // still held (a flatten cancels each before its exit).
  std::set<std::string> stops;
  if (auto ours = m_store.open_orders(); ours) {
    for (const auto& record : *ours) {
      if (record.purpose == k_stop_purpose) {
        stops.insert(record.order.client_order_id);
      }
    }
  }
  if (auto open = m_broker.open_orders(); open) {
    for (const auto& order : *open) {
      if (stops.contains(order.client_order_id)) {
        continue;
      }
      if (auto canceled = m_broker.cancel(order.id); !canceled) {
        notify(SessionNotice::Kind::alert, now, order.symbol.asset_class(),
               "cancel " + order.client_order_id + " failed: " + canceled.error().message());
      }
    }
  }
  return flatten_while_halted(now);
}

core::Status TradingSession::flatten_while_halted(core::UtcTime now) {
  const auto flatten = m_store.setting("stop.flatten");
  if (!flatten || !flatten->has_value() || **flatten != "true") {
    return {};
  }
  auto positions = m_store.positions();
  if (!positions) {
    return positions.error();
  }
  if (positions->empty()) {
    // Flat: the request is done.
    return m_store.set_setting("stop.flatten", "false", now);
  }
  // Every tick until flat, each position once its market trades (a US stock waits for the
  // open); exit_position sends nothing while an exit is already on its way.
  for (const auto& position : *positions) {
    if (!calendar::is_open(position.market(), now)) {
      continue;
    }
    if (auto exited = exit_position(position, "stop_all", now); !exited) {
      return exited;
    }
  }
  return {};
}

core::Status TradingSession::apply_risk_actions(const std::vector<risk::RiskAction>& actions,
                                                core::UtcTime now) {
  for (const auto& action : actions) {
    switch (action.kind) {
    case risk::RiskAction::Kind::alert:
      if (auto recorded = m_store.record_event(
              state::Event{0, now, state::EventKind::alert, action.market, action.message});
          !recorded) {
        return recorded;
      }
      notify(SessionNotice::Kind::alert, now, action.market, action.message);
      break;
    case risk::RiskAction::Kind::close_market_positions:
      if (auto recorded = m_store.record_event(
              state::Event{0, now, state::EventKind::alert, action.market, action.message});
          !recorded) {
        return recorded;
      }
      notify(SessionNotice::Kind::alert, now, action.market, action.message);
      if (auto closed = close_market(action.market, "daily_loss", now); !closed) {
        return closed;
      }
      break;
    case risk::RiskAction::Kind::halt_and_close_all:
      if (auto set = m_store.set_halted(action.message, now); !set) {
        return set;
      }
      if (auto recorded = m_store.record_event(
              state::Event{0, now, state::EventKind::halt, std::nullopt, action.message});
          !recorded) {
        return recorded;
      }
      m_halt_handled = true;
      notify(SessionNotice::Kind::halt, now, std::nullopt, "halted: " + action.message);
      if (auto closed = close_market(std::nullopt, "drawdown", now); !closed) {
        return closed;
      }
      break;
    }
  }
  return {};
}

core::Status TradingSession::close_market(std::optional<core::AssetClass> market,
                                          const std::string& reason, core::UtcTime now) {
  auto positions = m_store.positions();
  if (!positions) {
    return positions.error();
  }
  for (const auto& position : *positions) {
    if (market && position.market() != *market) {
      continue;
    }
    if (auto exited = exit_position(position, reason, now); !exited) {
      return exited;
    }
  }
  return {};
}

core::Status TradingSession::exit_position(const state::PositionRecord& position,
                                           const std::string& reason, core::UtcTime now) {
  const auto& symbol = position.position.symbol;
  auto open = m_store.open_orders();
  if (!open) {
    return open.error();
  }
  for (const auto& record : *open) {
    if (record.order.symbol == symbol && record.purpose == "exit") {
      return {}; // an exit is already on its way
    }
  }
  auto stop_canceled = cancel_stop(symbol, now);
  if (!stop_canceled) {
    return stop_canceled.error();
  }
  if (!*stop_canceled) {
    return {}; // the stop may have filled: the next tick's booking says
  }
  core::OrderRequest request;
  request.symbol = symbol;
  request.side = core::Side::sell;
  request.type = core::OrderType::market;
  request.time_in_force = symbol.asset_class() == core::AssetClass::crypto ? core::TimeInForce::gtc
                                                                           : core::TimeInForce::day;
  request.qty = position.position.qty_available > core::Decimal{} ? position.position.qty_available
                                                                  : position.position.qty;
  request.client_order_id = state::make_client_order_id(
      state::OrderDecision{symbol, position.strategy, core::Side::sell, now, 0});
  auto state = risk_state(now);
  if (!state) {
    return state.error();
  }
  const auto verdict = m_risk.check_order(*state, request, now);
  if (!verdict.allowed()) {
    ++m_stats.refusals;
    const auto text = fmt::format("{} exit ({}) refused by {}: {}", symbol.str(), reason,
                                  verdict.refusal->rule, verdict.refusal->reason);
    if (auto recorded = m_store.record_event(
            state::Event{0, now, state::EventKind::risk_refusal, symbol.asset_class(), text});
        !recorded) {
      return recorded;
    }
    notify(SessionNotice::Kind::refusal, now, symbol.asset_class(), text);
    return {};
  }
  auto placed = place(request, position.strategy, "exit", reason, now, now);
  if (!placed) {
    return placed.error();
  }
  return {};
}

core::Result<bool> TradingSession::protect(const state::PositionRecord& position,
                                           const std::vector<state::OrderRecord>& open,
                                           core::UtcTime now) {
  if (!m_setup.resting_stops || !position.stop_price) {
    return false;
  }
  const auto& symbol = position.position.symbol;
  for (const auto& record : open) {
    if (record.order.symbol == symbol && (record.purpose == k_stop_purpose)) {
      return true;
    }
    if (record.order.symbol == symbol && record.purpose == "exit") {
      return false; // leaving anyway
    }
  }
  // One stop per position, its client_order_id decided with the entry (attached to it at a
  // venue that takes attached stops), the same at every tick and after a restart.
  auto decided = stop_decision_time(position);
  if (!decided) {
    return decided.error();
  }
  const auto cid = stop_client_order_id(symbol, *decided);
  auto known = m_store.find_order(cid);
  if (!known) {
    return known.error();
  }
  if (known->has_value()) {
    return false; // placed before and no longer resting (refused or canceled): polled from now
  }
  const auto market = position.market();
  const auto rule = execution::protective_stop(market, position.stop_price->to_double(),
                                               m_config.profile(market).stop_limit_offset);
  core::OrderRequest request;
  request.symbol = symbol;
  request.side = core::Side::sell;
  request.type = rule.type;
  request.time_in_force = core::TimeInForce::gtc;
  request.qty = position.position.qty;
  request.stop_price = *position.stop_price;
  if (rule.type == core::OrderType::stop_limit) {
    request.limit_price = core::Decimal::from_double(rule.limit);
  }
  request.client_order_id = cid;
  auto placed = place(request, position.strategy, k_stop_purpose, "stop", *decided, now);
  if (!placed) {
    return placed.error();
  }
  const bool resting = placed->has_value() && core::is_open((*placed)->status);
  if (!resting) {
    notify(SessionNotice::Kind::alert, now, market,
           fmt::format("{}: the stop at {} could not rest at the broker; polled each tick instead",
                       symbol.str(), position.stop_price->to_string()));
  }
  return resting;
}

core::Result<core::UtcTime>
TradingSession::stop_decision_time(const state::PositionRecord& position) {
  auto entry = m_store.find_order(position.entry_client_order_id);
  if (!entry) {
    return entry.error();
  }
  // An adopted position has no entry of ours: its stop is decided when it was taken over.
  return entry->has_value() ? (*entry)->decision_time : position.opened_at;
}

core::Result<bool> TradingSession::adopt_attached_stops(core::UtcTime now) {
  auto positions = m_store.positions();
  if (!positions) {
    return positions.error();
  }
  bool any_final = false;
  for (const auto& position : *positions) {
    auto decided = stop_decision_time(position);
    if (!decided) {
      return decided.error();
    }
    const auto cid = stop_client_order_id(position.position.symbol, *decided);
    auto known = m_store.find_order(cid);
    if (!known) {
      return known.error();
    }
    if (known->has_value()) {
      continue;
    }
    auto attached = m_broker.order_by_client_id(cid);
    if (!attached || !attached->has_value()) {
      continue; // none (yet): manage_positions places one
    }
    auto adopted = adopt_stop(position, **attached, *decided, now);
    if (!adopted) {
      return adopted.error();
    }
    any_final = any_final || !core::is_open((*attached)->status);
  }
  return any_final;
}

core::Result<bool> TradingSession::adopt_stop(const state::PositionRecord& position,
                                              const core::Order& stop, core::UtcTime decided,
                                              core::UtcTime now) {
  state::OrderRecord record;
  record.order = stop;
  record.strategy = position.strategy;
  record.purpose = k_stop_purpose;
  record.reason = "stop";
  record.decision_time = decided;
  if (auto inserted = m_store.insert_order(record); !inserted) {
    return inserted.error();
  }
  if (auto updated = m_store.update_order(stop); !updated) {
    return updated.error();
  }
  // Its fills came before the store knew the order (reconcile_fills keeps only ours).
  if (auto fills = m_broker.fills_since(stop.submitted_at); fills) {
    for (const auto& fill : *fills) {
      if (fill.client_order_id == stop.client_order_id) {
        if (auto inserted = m_store.insert_fill(fill); !inserted) {
          return inserted.error();
        }
      }
    }
  }
  notify(SessionNotice::Kind::order, now, stop.symbol.asset_class(),
         fmt::format("stop sell {} {} at {} ({}) id {}", stop.qty.to_string(), stop.symbol.str(),
                     stop.stop_price ? stop.stop_price->to_string() : std::string("?"),
                     position.strategy, stop.client_order_id));
  return core::is_open(stop.status);
}

core::Result<bool> TradingSession::cancel_stop(const core::Symbol& symbol, core::UtcTime now) {
  auto open = m_store.open_orders();
  if (!open) {
    return open.error();
  }
  for (const auto& record : *open) {
    if (record.order.symbol != symbol || record.purpose != k_stop_purpose) {
      continue;
    }
    if (auto canceled = m_broker.cancel(record.order.id); !canceled) {
      notify(SessionNotice::Kind::alert, now, symbol.asset_class(),
             fmt::format("{}: cancel of the stop {} failed ({}); the exit waits", symbol.str(),
                         record.order.client_order_id, canceled.error().message()));
      return false;
    }
    auto found = m_broker.order_by_client_id(record.order.client_order_id);
    if (!found || !found->has_value()) {
      return false; // asked again at the next tick's lookups
    }
    if (auto updated = m_store.update_order(**found); !updated) {
      return updated.error();
    }
    if ((**found).status != core::OrderStatus::canceled) {
      return false; // filled first, or the cancel is still on its way
    }
  }
  return true;
}

core::Status TradingSession::manage_positions(const TickPlan& plan, core::UtcTime now) {
  if (plan.close_us_positions) {
    if (auto closed = close_market(core::AssetClass::us_equity, "session_close", now); !closed) {
      return closed;
    }
  }
  if (plan.close_crypto_positions) {
    if (auto closed = close_market(core::AssetClass::crypto, "us_open", now); !closed) {
      return closed;
    }
  }
  auto positions = m_store.positions();
  if (!positions) {
    return positions.error();
  }
  auto open = m_store.open_orders();
  if (!open) {
    return open.error();
  }
  for (const auto& position : *positions) {
    const auto market = position.market();
    if (!calendar::is_open(market, now)) {
      continue;
    }
    const auto& symbol = position.position.symbol;
    auto resting = protect(position, *open, now);
    if (!resting) {
      return resting.error();
    }
    // Without a stop resting at the broker, the stop is polled against the latest price.
    const auto price = m_prices.find(symbol.str());
    if (!*resting && position.stop_price && price != m_prices.end() &&
        price->second <= position.stop_price->to_double()) {
      if (auto exited = exit_position(position, "stop", now); !exited) {
        return exited;
      }
      continue;
    }
    const auto& profile = m_config.profile(market);
    auto made = strategy::make_strategy(position.strategy, profile, m_config.strategy);
    if (!made) {
      continue; // "unknown" (adopted) positions are managed by their stop only
    }
    const auto want = strategy::feed_bars(**made);
    auto bars = m_data.completed_bars({symbol}, profile.signal_timeframe, want, now);
    if (!bars || !bars->contains(symbol.str()) || bars->at(symbol.str()).empty()) {
      continue;
    }
    const auto& series = bars->at(symbol.str());
    const auto last = series.time()[series.size() - 1];
    auto& checked = m_last_exit_bar[symbol.str()];
    if (checked >= last) {
      continue; // no new completed bar since the last check
    }
    checked = last;
    strategy::Signals signals;
    for (std::size_t i = 0; i < series.size(); ++i) {
      signals = (*made)->on_bar(series.at(i));
    }
    if (signals.exit) {
      if (auto exited = exit_position(position, "signal", now); !exited) {
        return exited;
      }
    }
  }
  return {};
}

} // namespace crew::engine
