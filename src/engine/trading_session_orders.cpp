// Orders, fills and trades of the trading session: every order is stored (status "intent")
// before it is sent, the broker's answer is recorded, fills are stored once by execution id, and
// a filled exit becomes a round trip in the trade history.
#include "engine/trading_session.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace crew::engine {

core::Result<std::optional<core::Order>>
TradingSession::place(const core::OrderRequest& request, const std::string& strategy,
                      const std::string& purpose, const std::string& reason, core::UtcTime decided,
                      core::UtcTime now) {
  state::OrderRecord record;
  record.order = core::make_order(request, now);
  record.sent = false;
  record.strategy = strategy;
  record.purpose = purpose;
  record.reason = reason;
  record.decision_time = decided;
  auto inserted = m_store.insert_order(record);
  if (!inserted) {
    return inserted.error();
  }
  if (!*inserted) {
    // The same decision was taken before (an earlier scan of the same bar, or before a restart).
    return std::optional<core::Order>{};
  }
  api("POST /v2/orders", now);
  auto result = m_broker.submit(request);
  const auto market = request.symbol.asset_class();
  if (!result.ok()) {
    using Kind = broker::SubmitError::Kind;
    if (result.error->kind != Kind::rejected) {
      // The broker may hold it (duplicate id, or an unknown outcome): ask before anything else.
      api("GET /v2/orders:by_client_order_id", now);
      auto found = m_broker.order_by_client_id(request.client_order_id);
      if (found && found->has_value()) {
        result.order = **found;
      }
    }
    if (!result.order) {
      if (result.error->kind == Kind::unknown) {
        notify(SessionNotice::Kind::alert, now, market,
               fmt::format("order {} outcome unknown ({}); reconciled next tick",
                           request.client_order_id, result.error->message));
        return std::optional<core::Order>{};
      }
      auto rejected = record.order;
      rejected.status = core::OrderStatus::rejected;
      rejected.failed_at = now;
      if (auto updated = m_store.update_order(rejected); !updated) {
        return updated.error();
      }
      notify(SessionNotice::Kind::alert, now, market,
             fmt::format("order {} {} {} rejected: {}", core::to_string(request.side),
                         request.qty.to_string(), request.symbol.str(), result.error->message));
      return std::optional<core::Order>{};
    }
  }
  const auto order = *result.order;
  if (auto updated = m_store.update_order(order); !updated) {
    return updated.error();
  }
  ++m_stats.orders;
  notify(SessionNotice::Kind::order, now, market,
         fmt::format("{} {} {} {} ({}, {}) id {}", purpose, core::to_string(request.side),
                     request.qty.to_string(), request.symbol.str(), strategy, reason,
                     request.client_order_id));
  if (core::is_terminal(order.status)) {
    if (auto fills = reconcile_fills(now); !fills) {
      return fills.error();
    }
    if (auto done = on_order_done(record, order, now); !done) {
      return done.error();
    }
    if (auto refreshed = refresh_account(now); !refreshed) {
      return refreshed.error();
    }
  }
  return std::optional<core::Order>{order};
}

core::Status TradingSession::reconcile_fills(core::UtcTime now) {
  const auto since =
      m_fills_checked.value_or(now - std::chrono::hours{24}) - std::chrono::minutes{5};
  api("GET /v2/account/activities/FILL", now);
  auto fills = m_broker.fills_since(since);
  if (!fills) {
    notify(SessionNotice::Kind::alert, now, std::nullopt,
           "could not read fills: " + fills.error().message());
    return {};
  }
  for (const auto& fill : *fills) {
    auto known = m_store.find_order(fill.client_order_id);
    if (!known) {
      return known.error();
    }
    if (!known->has_value()) {
      continue; // not ours (a manual or close_position order); positions sync covers it
    }
    auto inserted = m_store.insert_fill(fill);
    if (!inserted) {
      return inserted.error();
    }
    if (*inserted) {
      notify(SessionNotice::Kind::fill, now, fill.symbol.asset_class(),
             fmt::format("{} {} {} @ {} fee {} ({})", core::to_string(fill.side),
                         fill.qty.to_string(), fill.symbol.str(), fill.price.to_string(),
                         fill.fee.to_string(), fill.client_order_id));
    }
  }
  m_fills_checked = now;
  return refresh_open_orders(now);
}

core::Status TradingSession::refresh_open_orders(core::UtcTime now) {
  auto open = m_store.open_orders();
  if (!open) {
    return open.error();
  }
  for (const auto& record : *open) {
    api("GET /v2/orders:by_client_order_id", now);
    auto found = m_broker.order_by_client_id(record.order.client_order_id);
    if (!found) {
      continue; // asked again next tick
    }
    if (!found->has_value()) {
      if (!record.sent) {
        // Decided, never reached the broker: it will never fill.
        auto never = record.order;
        never.status = core::OrderStatus::canceled;
        never.canceled_at = now;
        if (auto updated = m_store.update_order(never); !updated) {
          return updated;
        }
      }
      continue;
    }
    const auto& order = **found;
    if (order.status == record.order.status && order.filled_qty == record.order.filled_qty &&
        record.sent) {
      continue;
    }
    if (auto updated = m_store.update_order(order); !updated) {
      return updated;
    }
    if (core::is_terminal(order.status)) {
      if (auto done = on_order_done(record, order, now); !done) {
        return done;
      }
    }
  }
  return {};
}

core::Status TradingSession::on_order_done(const state::OrderRecord& record,
                                           const core::Order& order, core::UtcTime now) {
  if (order.filled_qty == core::Decimal{} || !order.filled_avg_price) {
    return {};
  }
  const auto& cid = order.client_order_id;
  const auto price = *order.filled_avg_price;
  if (record.purpose == "entry") {
    state::PositionRecord position;
    position.position.symbol = order.symbol;
    position.position.qty = order.filled_qty;
    position.position.qty_available = order.filled_qty;
    position.position.avg_entry_price = price;
    position.position.cost_basis = order.filled_qty * price;
    position.position.market_value = position.position.cost_basis;
    position.position.current_price = price;
    position.strategy = record.strategy;
    position.entry_client_order_id = cid;
    position.opened_at = order.filled_at.value_or(now);
    position.updated_at = now;
    // The stop decided with the entry: in memory, else in the store (a restart came between);
    // without either (an order placed by an older version), 3% below the fill.
    std::optional<double> decided;
    if (const auto stop = m_pending_stop.find(cid); stop != m_pending_stop.end()) {
      decided = stop->second;
      m_pending_stop.erase(stop);
    } else if (auto kept = m_store.setting(k_entry_stop_prefix + cid); kept && kept->has_value()) {
      if (auto parsed = core::parse_decimal(**kept); parsed) {
        decided = parsed->to_double();
      }
    }
    position.stop_price = core::Decimal::from_double(decided.value_or(price.to_double() * 0.97));
    return m_store.upsert_position(position);
  }
  auto held = m_store.find_position(order.symbol);
  if (!held) {
    return held.error();
  }
  if (!held->has_value()) {
    notify(SessionNotice::Kind::alert, now, order.symbol.asset_class(),
           "exit " + cid + " filled for a position the store does not hold");
    return {};
  }
  const auto& entry = **held;
  core::Decimal fees;
  for (const auto& id : {entry.entry_client_order_id, cid}) {
    if (auto fills = m_store.fills_of_order(id); fills) {
      for (const auto& f : *fills) {
        fees += f.fee;
      }
    }
  }
  state::TradeRecord trade;
  trade.market = order.symbol.asset_class();
  trade.symbol = order.symbol;
  trade.strategy = entry.strategy;
  trade.entry_client_order_id = entry.entry_client_order_id;
  trade.exit_client_order_id = cid;
  trade.entry_time = entry.opened_at;
  trade.exit_time = order.filled_at.value_or(now);
  trade.entry_price = entry.position.avg_entry_price;
  trade.exit_price = price;
  trade.qty = order.filled_qty;
  trade.fees = fees;
  trade.pnl = (price - trade.entry_price) * trade.qty - fees;
  trade.exit_reason = record.reason;
  if (auto inserted = m_store.insert_trade(trade); !inserted) {
    return inserted.error();
  }
  notify(SessionNotice::Kind::trade, now, trade.market,
         fmt::format("closed {} {} {} -> {} pnl {} ({})", trade.symbol.str(), trade.strategy,
                     trade.entry_price.to_string(), trade.exit_price.to_string(),
                     trade.pnl.to_string(), trade.exit_reason));
  if (order.filled_qty >= entry.position.qty) {
    return m_store.remove_position(order.symbol);
  }
  return {};
}

} // namespace crew::engine
