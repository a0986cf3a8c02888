// Trades (closed round trips) and positions (the broker's, annotated with how we opened them).
// Per-market performance is derived from the trades: over a window by summing them, over the whole
// history from running totals that the trade's insert updates in its own transaction, so the two
// cannot disagree (tests/state/market_totals_test.cpp compares them).
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"
#include "state/store_queries.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

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
    "entry_time, exit_time, entry_price, exit_price, qty, pnl, fees, exit_reason FROM trades ";

// Adds one trade to its market's running totals (schema 6), in the insert's transaction.
core::Status add_to_market_totals(Database& db, const TradeRecord& t) {
  return run_statement(db,
                       "INSERT INTO market_totals (market, trades, wins, pnl_units) "
                       "VALUES (?1, 1, ?2, ?3) ON CONFLICT(market) DO UPDATE SET "
                       "trades = trades + 1, wins = wins + ?2, pnl_units = pnl_units + ?3",
                       [&](Statement& s) {
                         s.bind(1, core::to_string(t.market))
                             .bind(2, t.pnl > core::Decimal{} ? 1 : 0)
                             .bind(3, t.pnl.units());
                       });
}

// The whole history's performance from the running totals: one row per market, whatever the
// number of trades (the loop reads it every tick).
core::Result<std::vector<MarketPerformance>>
performance_from_totals(Database& db, std::optional<core::AssetClass> market) {
  auto rows = query_rows<MarketPerformance>(
      db,
      market ? "SELECT market, trades, wins, pnl_units FROM market_totals WHERE market = ?"
             : "SELECT market, trades, wins, pnl_units FROM market_totals",
      [&](Statement& s) {
        if (market) {
          s.bind(1, core::to_string(*market));
        }
      },
      [](Statement& s) {
        MarketPerformance p;
        p.market = stored_market(s, 0);
        p.trades = s.integer(1);
        p.wins = s.integer(2);
        p.total_pnl = core::Decimal::from_units(s.integer(3));
        return p;
      });
  if (!rows) {
    return rows.error();
  }
  // In market order, without markets that have no trades, as the full computation gives them.
  std::erase_if(*rows, [](const MarketPerformance& p) { return p.trades == 0; });
  std::sort(rows->begin(), rows->end(), [](const MarketPerformance& a, const MarketPerformance& b) {
    return a.market < b.market;
  });
  return rows;
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

std::string trades_sql(const RecordQuery& query) {
  return std::string(k_trade_select) + record_where(query, "exit_time") + " ORDER BY exit_time, id";
}

std::string trade_outcomes_sql() {
  return "SELECT symbol, entry_time, exit_time, pnl FROM trades WHERE exit_time >= ?1 "
         "ORDER BY exit_time, id";
}

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
    if (!inserted) {
      return written;
    }
    return add_to_market_totals(m_impl->db, t);
  });
  if (!status) {
    return status.error();
  }
  return inserted;
}

core::Result<std::vector<TradeRecord>> StateStore::trades(const RecordQuery& query) {
  const std::lock_guard lock(m_impl->mutex);
  return query_rows<TradeRecord>(
      m_impl->db, trades_sql(query), [&](Statement& s) { bind_record_query(s, query); },
      read_trade);
}

core::Result<std::vector<TradeOutcome>> StateStore::trade_outcomes(core::UtcTime from) {
  const std::lock_guard lock(m_impl->mutex);
  // A few symbols recur over many rows: each text is classified once per call.
  std::unordered_map<std::string, core::Symbol> symbols;
  return query_rows<TradeOutcome>(
      m_impl->db, trade_outcomes_sql(), [&](Statement& s) { s.bind(1, from); },
      [&](Statement& s) {
        std::string text = s.text(0);
        auto it = symbols.find(text);
        if (it == symbols.end()) {
          core::Symbol symbol = stored_symbol(text);
          it = symbols.emplace(std::move(text), std::move(symbol)).first;
        }
        return TradeOutcome{it->second, s.time(1), s.time(2), s.decimal(3)};
      });
}

core::Result<std::vector<MarketPerformance>>
StateStore::market_performance(const RecordQuery& query) {
  if (!query.from && !query.to && !query.symbol) {
    const std::lock_guard lock(m_impl->mutex);
    return performance_from_totals(m_impl->db, query.market);
  }
  // A window or a symbol: summed over those trades, in Decimal rather than in SQL, which would
  // add the texts as doubles.
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
