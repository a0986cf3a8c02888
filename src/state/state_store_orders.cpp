// Orders and fills. An order row exists before the order is sent (status text "intent"), keyed by
// its deterministic client_order_id, so a crash between "written" and "sent" leaves a row the
// restart can look up at the broker; inserting it again changes nothing. Fills are keyed by the
// broker's execution id, so replaying the activity feed stores each execution once.
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"
#include "state/store_queries.hpp"

#include <algorithm>
#include <string>

namespace crew::state {
namespace {

constexpr std::string_view k_intent = "intent";
constexpr std::string_view k_unanswered = "unknown";

constexpr std::string_view k_order_columns =
    "client_order_id, broker_id, symbol, market, strategy, purpose, reason, side, type, "
    "time_in_force, qty, notional, limit_price, stop_price, status, filled_qty, filled_avg_price, "
    "decision_time, created_at, submitted_at, updated_at, filled_at, canceled_at, expired_at, "
    "failed_at";

template <typename Enum>
Enum stored_enum(core::Result<Enum> parsed, Enum fallback, Statement& s) {
  if (!parsed) {
    s.note_column_error(core::Error{"malformed stored value: " + parsed.error().what, "orders"});
    return fallback;
  }
  return *parsed;
}

OrderRecord read_order(Statement& s) {
  OrderRecord r;
  core::Order& o = r.order;
  o.client_order_id = s.text(0);
  o.id = s.text(1);
  o.symbol = stored_symbol(s.text(2));
  r.strategy = s.text(4);
  r.purpose = s.text(5);
  r.reason = s.text(6);
  o.side = stored_enum(core::parse_side(s.text(7)), core::Side::buy, s);
  o.type = stored_enum(core::parse_order_type(s.text(8)), core::OrderType::market, s);
  o.time_in_force = stored_enum(core::parse_time_in_force(s.text(9)), core::TimeInForce::day, s);
  o.qty = s.decimal(10);
  o.notional = s.optional_decimal(11);
  o.limit_price = s.optional_decimal(12);
  o.stop_price = s.optional_decimal(13);
  const std::string status = s.text(14);
  r.unanswered = status == k_unanswered;
  r.sent = status != k_intent && !r.unanswered;
  o.status = r.sent ? stored_enum(core::parse_order_status(status), core::OrderStatus::new_, s)
                    : core::OrderStatus::new_;
  o.filled_qty = s.decimal(15);
  o.filled_avg_price = s.optional_decimal(16);
  r.decision_time = s.time(17);
  o.created_at = s.time(18);
  o.submitted_at = s.time(19);
  o.updated_at = s.time(20);
  o.filled_at = s.optional_time(21);
  o.canceled_at = s.optional_time(22);
  o.expired_at = s.optional_time(23);
  o.failed_at = s.optional_time(24);
  return r;
}

std::string order_select(std::string_view where) {
  return "SELECT " + std::string(k_order_columns) + " FROM orders " + std::string(where);
}

core::Result<std::vector<OrderRecord>> select_orders(Database& db, const std::string& where,
                                                     const std::function<void(Statement&)>& bind) {
  return query_rows<OrderRecord>(db, order_select(where), bind, read_order);
}

core::Result<std::vector<OrderRecord>> query_orders(Database& db, const std::string& sql,
                                                    const std::function<void(Statement&)>& bind) {
  return query_rows<OrderRecord>(db, sql, bind, read_order);
}

core::Result<std::optional<OrderRecord>> one(core::Result<std::vector<OrderRecord>> rows) {
  if (!rows) {
    return rows.error();
  }
  if (rows->empty()) {
    return std::optional<OrderRecord>{};
  }
  return std::optional<OrderRecord>{std::move(rows->front())};
}

core::Fill read_fill(Statement& s) {
  core::Fill f;
  f.id = s.text(0);
  f.order_id = s.text(1);
  f.client_order_id = s.text(2);
  f.symbol = stored_symbol(s.text(3));
  f.side = stored_enum(core::parse_side(s.text(4)), core::Side::buy, s);
  f.qty = s.decimal(5);
  f.price = s.decimal(6);
  f.fee = s.decimal(7);
  f.time = s.time(8);
  return f;
}

constexpr std::string_view k_fill_columns =
    "SELECT id, order_id, client_order_id, symbol, side, qty, price, fee, time FROM fills ";

} // namespace

std::string orders_sql(const RecordQuery& query) {
  return order_select(record_where(query, "created_at") + " ORDER BY created_at, rowid");
}

// Both conditions are their partial index's (schema 6), term for term: SQLite uses such an
// index only when the query's WHERE contains the index's WHERE.
std::string open_orders_sql() {
  return order_select("WHERE status NOT IN ('filled', 'canceled', 'expired', 'rejected', "
                      "'replaced') ORDER BY created_at, rowid");
}

std::string unbooked_orders_sql() {
  return order_select("WHERE booked_at IS NULL AND status IN ('filled', 'canceled', 'expired', "
                      "'rejected', 'replaced') ORDER BY updated_at, rowid");
}

core::Result<bool> StateStore::insert_order(const OrderRecord& record) {
  bool inserted = false;
  const core::Order& o = record.order;
  auto status = m_impl->write(Durability::critical, [&]() -> core::Status {
    auto written = run_statement(m_impl->db,
                                 "INSERT INTO orders (" + std::string(k_order_columns) +
                                     ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                                     "ON CONFLICT(client_order_id) DO NOTHING",
                                 [&](Statement& s) {
                                   s.bind(1, o.client_order_id);
                                   o.id.empty() ? s.bind_null(2) : s.bind(2, o.id);
                                   s.bind(3, o.symbol.str())
                                       .bind(4, core::to_string(o.symbol.asset_class()))
                                       .bind(5, record.strategy)
                                       .bind(6, record.purpose)
                                       .bind(7, record.reason)
                                       .bind(8, core::to_string(o.side))
                                       .bind(9, core::to_string(o.type))
                                       .bind(10, core::to_string(o.time_in_force))
                                       .bind(11, o.qty)
                                       .bind(12, o.notional)
                                       .bind(13, o.limit_price)
                                       .bind(14, o.stop_price)
                                       .bind(15, record.status_text())
                                       .bind(16, o.filled_qty)
                                       .bind(17, o.filled_avg_price)
                                       .bind(18, record.decision_time)
                                       .bind(19, o.created_at)
                                       .bind(20, o.submitted_at)
                                       .bind(21, o.updated_at)
                                       .bind(22, o.filled_at)
                                       .bind(23, o.canceled_at)
                                       .bind(24, o.expired_at)
                                       .bind(25, o.failed_at);
                                 });
    inserted = written && m_impl->db.changes() > 0;
    return written;
  });
  if (!status) {
    return status.error();
  }
  return inserted;
}

core::Status StateStore::update_order(const core::Order& o) {
  return m_impl->write(Durability::critical, [&]() -> core::Status {
    auto written = run_statement(
        m_impl->db,
        "UPDATE orders SET broker_id = ?, status = ?, filled_qty = ?, filled_avg_price = ?, "
        "submitted_at = ?, updated_at = ?, filled_at = ?, canceled_at = ?, expired_at = ?, "
        "failed_at = ? WHERE client_order_id = ?",
        [&](Statement& s) {
          o.id.empty() ? s.bind_null(1) : s.bind(1, o.id);
          s.bind(2, core::to_string(o.status))
              .bind(3, o.filled_qty)
              .bind(4, o.filled_avg_price)
              .bind(5, o.submitted_at)
              .bind(6, o.updated_at)
              .bind(7, o.filled_at)
              .bind(8, o.canceled_at)
              .bind(9, o.expired_at)
              .bind(10, o.failed_at)
              .bind(11, o.client_order_id);
        });
    if (written && m_impl->db.changes() == 0) {
      return core::Error{"no stored order with this client_order_id", o.client_order_id};
    }
    return written;
  });
}

core::Result<std::optional<OrderRecord>>
StateStore::find_order(const std::string& client_order_id) {
  const std::lock_guard lock(m_impl->mutex);
  return one(select_orders(m_impl->db, "WHERE client_order_id = ?",
                           [&](Statement& s) { s.bind(1, client_order_id); }));
}

core::Result<std::optional<OrderRecord>>
StateStore::find_order_by_broker_id(const std::string& broker_id) {
  const std::lock_guard lock(m_impl->mutex);
  return one(select_orders(m_impl->db, "WHERE broker_id = ?",
                           [&](Statement& s) { s.bind(1, broker_id); }));
}

core::Result<std::vector<OrderRecord>> StateStore::open_orders() {
  const std::lock_guard lock(m_impl->mutex);
  return query_orders(m_impl->db, open_orders_sql(), [](Statement&) {});
}

core::Result<std::vector<OrderRecord>> StateStore::orders(const RecordQuery& q) {
  const std::lock_guard lock(m_impl->mutex);
  return query_orders(m_impl->db, orders_sql(q), [&](Statement& s) { bind_record_query(s, q); });
}

core::Status StateStore::absorb_fills(const std::string& client_order_id,
                                      const std::string& broker_id) {
  auto stored = find_order(client_order_id);
  if (!stored) {
    return stored.error();
  }
  if (!stored->has_value()) {
    return core::Error{"a fill for an order the store does not hold", client_order_id};
  }
  auto fills = fills_of_order(client_order_id);
  if (!fills) {
    return fills.error();
  }
  core::Decimal qty;
  core::Decimal value;
  std::optional<core::UtcTime> last;
  for (const auto& fill : *fills) {
    qty += fill.qty;
    value += fill.qty * fill.price;
    last = last ? std::max(*last, fill.time) : fill.time;
  }
  const OrderRecord& record = **stored;
  if (qty <= record.order.filled_qty) {
    return {}; // the order already says as much (its lookup came first)
  }
  core::Order order = record.order;
  if (order.id.empty()) {
    order.id = broker_id;
  }
  order.filled_qty = qty;
  order.filled_avg_price = value / qty;
  order.updated_at = std::max(order.updated_at, *last);
  order.status = !order.qty.is_zero() && qty >= order.qty ? core::OrderStatus::filled
                                                          : core::OrderStatus::partially_filled;
  if (order.status == core::OrderStatus::filled) {
    order.filled_at = *last;
  }
  order.canceled_at.reset(); // it traded: whatever ended it before was not the end
  order.expired_at.reset();
  if (auto updated = update_order(order); !updated) {
    return updated;
  }
  // What the order now says has consequences to book again (an order settled as never placed
  // that the broker filled after all).
  return run_statement(m_impl->db, "UPDATE orders SET booked_at = NULL WHERE client_order_id = ?",
                       [&](Statement& s) { s.bind(1, client_order_id); });
}

core::Status StateStore::mark_unanswered(const std::string& client_order_id, core::UtcTime at) {
  return m_impl->write(Durability::critical, [&]() -> core::Status {
    auto written = run_statement(m_impl->db,
                                 "UPDATE orders SET status = ?, submitted_at = ?, updated_at = ? "
                                 "WHERE client_order_id = ? AND status IN (?, ?)",
                                 [&](Statement& s) {
                                   s.bind(1, k_unanswered)
                                       .bind(2, at)
                                       .bind(3, at)
                                       .bind(4, client_order_id)
                                       .bind(5, k_intent)
                                       .bind(6, k_unanswered);
                                 });
    if (written && m_impl->db.changes() == 0) {
      return core::Error{"no unsent order with this client_order_id", client_order_id};
    }
    return written;
  });
}

core::Result<std::vector<OrderRecord>> StateStore::unbooked_final_orders() {
  const std::lock_guard lock(m_impl->mutex);
  return query_orders(m_impl->db, unbooked_orders_sql(), [](Statement&) {});
}

core::Status StateStore::mark_booked(const std::string& client_order_id, core::UtcTime at) {
  return m_impl->write(Durability::critical, [&]() -> core::Status {
    return run_statement(m_impl->db, "UPDATE orders SET booked_at = ? WHERE client_order_id = ?",
                         [&](Statement& s) { s.bind(1, at).bind(2, client_order_id); });
  });
}

core::Result<bool> StateStore::insert_fill(const core::Fill& f) {
  bool inserted = false;
  auto status = m_impl->write(Durability::critical, [&]() -> core::Status {
    auto written =
        run_statement(m_impl->db,
                      "INSERT INTO fills (id, order_id, client_order_id, symbol, side, qty, price, "
                      "fee, time) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING",
                      [&](Statement& s) {
                        s.bind(1, f.id)
                            .bind(2, f.order_id)
                            .bind(3, f.client_order_id)
                            .bind(4, f.symbol.str())
                            .bind(5, core::to_string(f.side))
                            .bind(6, f.qty)
                            .bind(7, f.price)
                            .bind(8, f.fee)
                            .bind(9, f.time);
                      });
    if (!written) {
      return core::Error{"cannot store fill: " + written.error().what, f.id};
    }
    inserted = m_impl->db.changes() > 0;
    return inserted ? absorb_fills(f.client_order_id, f.order_id) : core::Status{};
  });
  if (!status) {
    return status.error();
  }
  return inserted;
}

core::Result<std::vector<core::Fill>> StateStore::fills_since(core::UtcTime from) {
  const std::lock_guard lock(m_impl->mutex);
  return query_rows<core::Fill>(
      m_impl->db, std::string(k_fill_columns) + "WHERE time >= ? ORDER BY time, rowid",
      [&](Statement& s) { s.bind(1, from); }, read_fill);
}

core::Result<std::vector<core::Fill>>
StateStore::fills_of_order(const std::string& client_order_id) {
  const std::lock_guard lock(m_impl->mutex);
  return query_rows<core::Fill>(
      m_impl->db, std::string(k_fill_columns) + "WHERE client_order_id = ? ORDER BY time, rowid",
      [&](Statement& s) { s.bind(1, client_order_id); }, read_fill);
}

} // namespace crew::state
