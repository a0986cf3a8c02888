// Orders and fills of the trading session: every order is stored (status "intent") before it is
// sent, the broker's answer is recorded (no usable answer: "unknown", followed until the broker
// says), fills are stored once by execution id, every open order is looked up each tick until it
// is final, and final orders are booked (order_booking.hpp).
#include "engine/order_absence.hpp"
#include "engine/order_booking.hpp"
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
  auto result = m_broker.submit(request);
  const auto market = request.symbol.asset_class();
  if (!result.ok()) {
    using Kind = broker::SubmitError::Kind;
    if (result.error->kind == Kind::duplicate_client_order_id) {
      // The broker holds an order with this id (an earlier send whose answer was lost).
      auto found = m_broker.order_by_client_id(request.client_order_id);
      if (found && found->has_value()) {
        result.order = **found;
      }
    }
    if (!result.order) {
      if (result.error->kind != Kind::rejected) {
        // Neither placed nor refused: it may still reach the broker. Never resent (the same
        // decision keeps its client_order_id); looked up every tick and at every restart.
        if (auto marked = m_store.mark_unanswered(request.client_order_id, now); !marked) {
          return marked.error();
        }
        notify(SessionNotice::Kind::alert, now, market,
               fmt::format("order {} outcome unknown ({}); looked up until the broker says",
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
    if (auto refreshed = refresh_account(now); !refreshed) {
      return refreshed.error();
    }
  }
  return std::optional<core::Order>{order};
}

core::Status TradingSession::reconcile_fills(core::UtcTime now) {
  const auto since =
      m_fills_checked.value_or(now - std::chrono::hours{24}) - std::chrono::minutes{5};
  auto fills = m_broker.fills_since(since);
  if (!fills) {
    // The orders are followed all the same: their lookups say what the fills would have.
    notify(SessionNotice::Kind::alert, now, std::nullopt,
           "could not read fills: " + fills.error().message());
  } else {
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
  }
  if (auto refreshed = refresh_open_orders(now); !refreshed) {
    return refreshed;
  }
  return book(now);
}

core::Status TradingSession::settle(core::UtcTime now) {
  if (auto settled = reconcile_fills(now); !settled) {
    return settled;
  }
  // Last, the broker's positions over what the booking wrote (a crypto buy holds its coins less
  // the fee, which only the broker's position says).
  return refresh_account(now);
}

core::Status TradingSession::book(core::UtcTime now) {
  if (auto booked = book_orders(now); !booked) {
    return booked;
  }
  if (!m_setup.resting_stops) {
    return {};
  }
  // Before the positions sync: a stop that filled in its entry's bar has already emptied the
  // broker's position, and the store must book it as that position's exit.
  auto any_final = adopt_attached_stops(now);
  if (!any_final) {
    return any_final.error();
  }
  return *any_final ? book_orders(now) : core::Status{};
}

core::Status TradingSession::book_orders(core::UtcTime now) {
  auto booked = book_final_orders(m_store, now, [&](const BookingNote& note) {
    notify(note.trade ? SessionNotice::Kind::trade : SessionNotice::Kind::alert, now, note.market,
           note.text);
  });
  if (!booked) {
    return booked.error();
  }
  return {};
}

core::Status TradingSession::refresh_open_orders(core::UtcTime now) {
  auto open = m_store.open_orders();
  if (!open) {
    return open.error();
  }
  const auto grace =
      core::Duration{std::chrono::seconds{m_config.alpaca.unanswered_order_grace_seconds}};
  for (const auto& record : *open) {
    auto found = m_broker.order_by_client_id(record.order.client_order_id);
    if (!found) {
      continue; // asked again next tick
    }
    if (!found->has_value()) {
      auto absence = settle_absent_order(m_store, record, now, grace);
      if (!absence) {
        return absence.error();
      }
      if (*absence == Absence::settled_never_placed && record.unanswered) {
        notify(SessionNotice::Kind::alert, now, record.market(),
               fmt::format("order {} never reached the broker in {} s: settled as not placed",
                           record.order.client_order_id, grace.count() / 1'000'000'000));
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
  }
  return {};
}

} // namespace crew::engine
