// Trades (closed round trips) and positions (the broker's, annotated with how we opened them).
// Per-market performance is derived from the trades, so it can never disagree with them.
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"

#include <map>
#include <set>

namespace crew::state {
namespace {

core::AssetClass stored_market(Statement& s, int column) {
  auto market = core::parse_asset_class(s.text(column));
  if (!market) {
    s.note_column_error(core::Error{"malformed stored market: " + market.error().what, "state"});
    return core::AssetClass::us_equity;
  }
  return *market;
}

TradeRecord read_trade(Statement& s) {
  TradeRecord t;
  t.id = s.integer(0);
  t.market = stored_market(s, 1);
  t.symbol = stored_symbol(s.text(2));
  t.strategy = s.text(3);
  t.entry_client_order_id = s.text(4);
  t.exit_client_order_id = s.text(5);
  t.entry_time = s.time(6);
  t.exit_time = s.time(7);
  t.entry_price = s.decimal(8);
  t.exit_price = s.decimal(9);
  t.qty = s.decimal(10);
  t.pnl = s.decimal(11);
  t.fees = s.decimal(12);
  t.exit_reason = s.text(13);
  return t;
}

constexpr std::string_view k_trade_select =
    "SELECT id, market, symbol, strategy, entry_client_order_id, exit_client_order_id, "
    "entry_time, exit_time, entry_price, exit_price, qty, pnl, fees, exit_reason FROM trades "
    "WHERE (?1 IS NULL OR market = ?1) AND (?2 IS NULL OR exit_time >= ?2) AND "
    "(?3 IS NULL OR exit_time < ?3) AND (?4 IS NULL OR symbol = ?4) ORDER BY exit_time, id";

void bind_query(Statement& s, const RecordQuery& q) {
  q.market ? s.bind(1, core::to_string(*q.market)) : s.bind_null(1);
  s.bind(2, q.from).bind(3, q.to).bind(4, q.symbol);
}

PositionRecord read_position(Statement& s) {
  PositionRecord r;
  core::Position& p = r.position;
  p.symbol = stored_symbol(s.text(0));
  r.strategy = s.text(1);
  r.entry_client_order_id = s.text(2);
  r.opened_at = s.time(3);
  r.stop_price = s.optional_decimal(4);
  p.qty = s.decimal(5);
  p.qty_available = s.decimal(6);
  p.avg_entry_price = s.decimal(7);
  p.cost_basis = s.decimal(8);
  p.market_value = s.decimal(9);
  p.current_price = s.decimal(10);
  p.unrealized_pl = s.decimal(11);
  r.updated_at = s.time(12);
  return r;
}

constexpr std::string_view k_position_select =
    "SELECT symbol, strategy, entry_client_order_id, opened_at, stop_price, qty, qty_available, "
    "avg_entry_price, cost_basis, market_value, current_price, unrealized_pl, updated_at "
    "FROM positions ";

core::Status write_position(Database& db, const PositionRecord& r) {
  const core::Position& p = r.position;
  return run_statement(
      db,
      "INSERT OR REPLACE INTO positions (symbol, market, strategy, entry_client_order_id, "
      "opened_at, stop_price, qty, qty_available, avg_entry_price, cost_basis, market_value, "
      "current_price, unrealized_pl, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      [&](Statement& s) {
        s.bind(1, p.symbol.str())
            .bind(2, core::to_string(p.symbol.asset_class()))
            .bind(3, r.strategy)
            .bind(4, r.entry_client_order_id)
            .bind(5, r.opened_at)
            .bind(6, r.stop_price)
            .bind(7, p.qty)
            .bind(8, p.qty_available)
            .bind(9, p.avg_entry_price)
            .bind(10, p.cost_basis)
            .bind(11, p.market_value)
            .bind(12, p.current_price)
            .bind(13, p.unrealized_pl)
            .bind(14, r.updated_at);
      });
}

} // namespace

core::Result<bool> StateStore::insert_trade(const TradeRecord& t) {
  bool inserted = false;
  auto status = m_impl->write(Durability::critical, [&]() -> core::Status {
    auto written = run_statement(
        m_impl->db,
        "INSERT INTO trades (market, symbol, strategy, entry_client_order_id, "
        "exit_client_order_id, entry_time, exit_time, entry_price, exit_price, qty, pnl, fees, "
        "exit_reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(entry_client_order_id, exit_client_order_id) DO NOTHING",
        [&](Statement& s) {
          s.bind(1, core::to_string(t.market))
              .bind(2, t.symbol.str())
              .bind(3, t.strategy)
              .bind(4, t.entry_client_order_id)
              .bind(5, t.exit_client_order_id)
              .bind(6, t.entry_time)
              .bind(7, t.exit_time)
              .bind(8, t.entry_price)
              .bind(9, t.exit_price)
              .bind(10, t.qty)
              .bind(11, t.pnl)
              .bind(12, t.fees)
              .bind(13, t.exit_reason);
        });
    inserted = written && m_impl->db.changes() > 0;
    return written;
  });
  if (!status) {
    return status.error();
  }
  return inserted;
}

core::Result<std::vector<TradeRecord>> StateStore::trades(const RecordQuery& query) {
  const std::lock_guard lock(m_impl->mutex);
  return query_rows<TradeRecord>(
      m_impl->db, k_trade_select, [&](Statement& s) { bind_query(s, query); }, read_trade);
}

core::Result<std::vector<MarketPerformance>>
StateStore::market_performance(const RecordQuery& query) {
  // Summed in Decimal here rather than in SQL, which would add the texts as doubles.
  auto all = trades(query);
  if (!all) {
    return all.error();
  }
  std::map<core::AssetClass, MarketPerformance> by_market;
  for (const TradeRecord& t : *all) {
    MarketPerformance& p = by_market[t.market];
    p.market = t.market;
    ++p.trades;
    p.wins += t.pnl > core::Decimal{} ? 1 : 0;
    p.total_pnl += t.pnl;
  }
  std::vector<MarketPerformance> out;
  for (const auto& [market, performance] : by_market) {
    out.push_back(performance);
  }
  return out;
}

core::Status StateStore::upsert_position(const PositionRecord& record) {
  return m_impl->write(Durability::critical, [&]() { return write_position(m_impl->db, record); });
}

core::Status StateStore::remove_position(const core::Symbol& symbol) {
  return m_impl->write(Durability::critical, [&]() {
    return run_statement(m_impl->db, "DELETE FROM positions WHERE symbol = ?",
                         [&](Statement& s) { s.bind(1, symbol.str()); });
  });
}

core::Result<std::optional<PositionRecord>> StateStore::find_position(const core::Symbol& symbol) {
  const std::lock_guard lock(m_impl->mutex);
  auto rows = query_rows<PositionRecord>(
      m_impl->db, std::string(k_position_select) + "WHERE symbol = ?",
      [&](Statement& s) { s.bind(1, symbol.str()); }, read_position);
  if (!rows) {
    return rows.error();
  }
  if (rows->empty()) {
    return std::optional<PositionRecord>{};
  }
  return std::optional<PositionRecord>{rows->front()};
}

core::Result<std::vector<PositionRecord>> StateStore::positions() {
  const std::lock_guard lock(m_impl->mutex);
  return query_rows<PositionRecord>(
      m_impl->db, std::string(k_position_select) + "ORDER BY opened_at, symbol", [](Statement&) {},
      read_position);
}

core::Status StateStore::sync_positions(const std::vector<core::Position>& broker_positions,
                                        core::UtcTime at) {
  return m_impl->write(Durability::critical, [&]() -> core::Status {
    auto stored = positions();
    if (!stored) {
      return stored.error();
    }
    std::map<std::string, PositionRecord> known;
    for (PositionRecord& r : *stored) {
      known.emplace(r.position.symbol.str(), std::move(r));
    }
    std::set<std::string> seen;
    for (const core::Position& p : broker_positions) {
      seen.insert(p.symbol.str());
      PositionRecord record;
      if (auto it = known.find(p.symbol.str()); it != known.end()) {
        record = it->second;
      } else {
        record.strategy = "unknown";
        record.opened_at = at;
      }
      record.position = p;
      record.updated_at = at;
      if (auto status = write_position(m_impl->db, record); !status) {
        return status;
      }
    }
    for (const auto& [symbol, record] : known) {
      if (!seen.contains(symbol)) {
        if (auto status = run_statement(m_impl->db, "DELETE FROM positions WHERE symbol = ?",
                                        [&](Statement& s) { s.bind(1, symbol); });
            !status) {
          return status;
        }
      }
    }
    return {};
  });
}

} // namespace crew::state
