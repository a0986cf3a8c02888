#include "engine/order_booking.hpp"

#include "state/client_order_id.hpp"

#include <fmt/format.h>

namespace crew::engine {
namespace {

// An entry that filled: the position with its strategy and stop. The broker's quantities win when
// the positions sync already mirrored the position (it may have seen the fill first).
core::Status book_entry(state::StateStore& store, const state::OrderRecord& record,
                        const core::Order& order, core::UtcTime now) {
  const auto& cid = order.client_order_id;
  const auto price = *order.filled_avg_price;
  auto held = store.find_position(order.symbol);
  if (!held) {
    return held.error();
  }
  state::PositionRecord position;
  if (held->has_value()) {
    position = **held;
  } else {
    position.position.symbol = order.symbol;
    position.position.qty = order.filled_qty;
    position.position.qty_available = order.filled_qty;
    position.position.avg_entry_price = price;
    position.position.cost_basis = order.filled_qty * price;
    position.position.market_value = position.position.cost_basis;
    position.position.current_price = price;
  }
  position.strategy = record.strategy;
  position.entry_client_order_id = cid;
  position.opened_at = order.filled_at.value_or(now);
  position.updated_at = now;
  // The stop decided with the entry: its distance below the fill price; an order placed by an
  // older version kept the price itself; without either, 3% below.
  auto kept_decimal = [&](const char* prefix) -> std::optional<core::Decimal> {
    if (auto kept = store.setting(prefix + cid); kept && kept->has_value()) {
      if (auto parsed = core::parse_decimal(**kept); parsed) {
        return *parsed;
      }
    }
    return std::nullopt;
  };
  if (const auto distance = kept_decimal(k_entry_stop_distance_prefix)) {
    position.stop_price = price - *distance;
  } else {
    position.stop_price = kept_decimal(k_entry_stop_prefix)
                              .value_or(core::Decimal::from_double(price.to_double() * 0.97));
  }
  return store.upsert_position(position);
}

// An exit that filled: the round trip, net of both orders' fees.
core::Status book_exit(state::StateStore& store, const state::OrderRecord& record,
                       const core::Order& order, core::UtcTime now,
                       const BookingListener& listener) {
  const auto& cid = order.client_order_id;
  auto held = store.find_position(order.symbol);
  if (!held) {
    return held.error();
  }
  if (!held->has_value()) {
    listener({false, order.symbol.asset_class(),
              "exit " + cid + " filled for a position the store does not hold"});
    return {};
  }
  const auto& entry = **held;
  core::Decimal fees;
  for (const auto& id : {entry.entry_client_order_id, cid}) {
    if (auto fills = store.fills_of_order(id); fills) {
      for (const auto& f : *fills) {
        fees += f.fee;
      }
    }
  }
  const auto price = *order.filled_avg_price;
  // The entry price is the buy's fill price (execution::round_trip_pnl). The broker's average
  // entry price is the cost per coin held, which for crypto already carries the buy's fee in the
  // coin: with the fee also among `fees`, it counted twice. An adopted position has no entry
  // order of ours, only the broker's average.
  core::Decimal entry_price = entry.position.avg_entry_price;
  if (auto bought = store.find_order(entry.entry_client_order_id);
      bought && bought->has_value() && (*bought)->order.filled_avg_price) {
    entry_price = *(*bought)->order.filled_avg_price;
  }
  state::TradeRecord trade;
  trade.market = order.symbol.asset_class();
  trade.symbol = order.symbol;
  trade.strategy = entry.strategy;
  trade.entry_client_order_id = entry.entry_client_order_id;
  trade.exit_client_order_id = cid;
  trade.entry_time = entry.opened_at;
  trade.exit_time = order.filled_at.value_or(now);
  trade.entry_price = entry_price;
  trade.exit_price = price;
  trade.qty = order.filled_qty;
  trade.fees = fees;
  // execution::round_trip_pnl's formula, in Decimal.
  trade.pnl = (price - trade.entry_price) * trade.qty - fees;
  trade.exit_reason = record.reason;
  if (auto inserted = store.insert_trade(trade); !inserted) {
    return inserted.error();
  }
  listener({true, trade.market,
            fmt::format("closed {} {} {} -> {} pnl {} ({})", trade.symbol.str(), trade.strategy,
                        trade.entry_price.to_string(), trade.exit_price.to_string(),
                        trade.pnl.to_string(), trade.exit_reason)});
  if (order.filled_qty >= entry.position.qty) {
    return store.remove_position(order.symbol);
  }
  return {};
}

} // namespace

std::string stop_client_order_id(const core::Symbol& symbol, core::UtcTime decision_time) {
  return state::make_client_order_id(
      state::OrderDecision{symbol, k_stop_purpose, core::Side::sell, decision_time, 0});
}

core::Result<int> book_final_orders(state::StateStore& store, core::UtcTime now,
                                    const BookingListener& listener) {
  auto final_orders = store.unbooked_final_orders();
  if (!final_orders) {
    return final_orders.error();
  }
  int booked = 0;
  for (const auto& record : *final_orders) {
    const auto& order = record.order;
    const bool traded = !order.filled_qty.is_zero() && order.filled_avg_price.has_value();
    auto done = store.atomically([&]() -> core::Status {
      if (traded) {
        auto written = record.purpose == "entry" ? book_entry(store, record, order, now)
                                                 : book_exit(store, record, order, now, listener);
        if (!written) {
          return written;
        }
      }
      return store.mark_booked(order.client_order_id, now);
    });
    if (!done) {
      return done.error();
    }
    booked += traded ? 1 : 0;
  }
  return booked;
}

} // namespace crew::engine
