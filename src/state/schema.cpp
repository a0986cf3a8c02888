// Schema history. Never edit a migration that has shipped: append a new one. Decimals are TEXT in
// Alpaca's exact form, times INTEGER nanoseconds since the epoch (UTC), markets the AssetClass
// text (US_EQUITY, CRYPTO), enums Alpaca's lowercase text.
//   1: orders (written before they are sent; status 'intent' until the broker answers), fills
//      (one row per broker execution; the order must be stored first), settings.
//   2: trades (closed round trips) and positions (the broker's, with our strategy and stop).
//   3: api_calls, heartbeats, events (for `crew status` and the audit trail).
//   4: equity_history (the equity curve, one row per tick) and scans with their ranked results
//      (the dashboard's latest scan).
//   5: orders.booked_at: when a final order's consequence (the position of an entry, the trade of
//      an exit) was written, so that it is written exactly once, whichever path saw the order
//      end (its POST answer, a later tick, or a restart's reconciliation). Orders already final
//      were booked by the versions before, when they ended.
//   6: what the loop reads every tick no longer grows with the home's history: partial indexes
//      on the orders that are still open and on the final orders not yet booked (both were full
//      scans), and market_totals, each market's trade count, wins and pnl kept as trades are
//      inserted (market_performance read every trade ever closed), filled from the trades
//      already stored. pnl_units is the Decimal's units (1e-9), an INTEGER so that SQLite adds
//      it exactly.
#include "state/schema.hpp"

#include <array>
#include <map>
#include <string>
#include <tuple>

namespace crew::state {
namespace {

// Version 6's totals, from the stored trades: summed in Decimal (exact), as market_performance
// summed them, not in SQL, which would add the pnl texts as doubles.
core::Status fill_market_totals(Database& db) {
  auto trades = db.prepare("SELECT id, market, pnl FROM trades");
  if (!trades) {
    return trades.error();
  }
  std::map<std::string, std::tuple<std::int64_t, std::int64_t, core::Decimal>> totals;
  for (;;) {
    auto row = trades->step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      break;
    }
    const std::string pnl = trades->text(2);
    auto parsed = core::parse_decimal(pnl);
    if (!parsed) {
      return core::Error{"trade " + std::to_string(trades->integer(0)) + " has a malformed pnl '" +
                             pnl + "'",
                         db.path().string()};
    }
    auto& [count, wins, sum] = totals[trades->text(1)];
    ++count;
    wins += *parsed > core::Decimal{} ? 1 : 0;
    sum += *parsed;
  }
  for (const auto& [market, total] : totals) {
    auto insert = db.prepare(
        "INSERT INTO market_totals (market, trades, wins, pnl_units) VALUES (?, ?, ?, ?)");
    if (!insert) {
      return insert.error();
    }
    const auto& [count, wins, sum] = total;
    if (auto status =
            insert->bind(1, market).bind(2, count).bind(3, wins).bind(4, sum.units()).run();
        !status) {
      return status;
    }
  }
  return {};
}

struct Migration {
  const char* sql;
  // Runs after `sql`, in the same transaction: what SQL alone cannot compute.
  core::Status (*fill)(Database&) = nullptr;
};

constexpr std::array<Migration, 6> k_migrations = {
    Migration{R"sql(
CREATE TABLE orders (
  client_order_id TEXT PRIMARY KEY,
  broker_id TEXT UNIQUE,
  symbol TEXT NOT NULL,
  market TEXT NOT NULL,
  strategy TEXT NOT NULL,
  purpose TEXT NOT NULL,
  reason TEXT NOT NULL,
  side TEXT NOT NULL,
  type TEXT NOT NULL,
  time_in_force TEXT NOT NULL,
  qty TEXT NOT NULL,
  notional TEXT,
  limit_price TEXT,
  stop_price TEXT,
  status TEXT NOT NULL,
  filled_qty TEXT NOT NULL,
  filled_avg_price TEXT,
  decision_time INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  submitted_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  filled_at INTEGER,
  canceled_at INTEGER,
  expired_at INTEGER,
  failed_at INTEGER
);
CREATE INDEX orders_by_symbol ON orders(symbol, status);
CREATE INDEX orders_by_time ON orders(created_at);
CREATE TABLE fills (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  client_order_id TEXT NOT NULL REFERENCES orders(client_order_id),
  symbol TEXT NOT NULL,
  side TEXT NOT NULL,
  qty TEXT NOT NULL,
  price TEXT NOT NULL,
  fee TEXT NOT NULL,
  time INTEGER NOT NULL
);
CREATE INDEX fills_by_time ON fills(time);
CREATE INDEX fills_by_order ON fills(client_order_id);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql"},
    Migration{R"sql(
CREATE TABLE trades (
  id INTEGER PRIMARY KEY,
  market TEXT NOT NULL,
  symbol TEXT NOT NULL,
  strategy TEXT NOT NULL,
  entry_client_order_id TEXT NOT NULL,
  exit_client_order_id TEXT NOT NULL,
  entry_time INTEGER NOT NULL,
  exit_time INTEGER NOT NULL,
  entry_price TEXT NOT NULL,
  exit_price TEXT NOT NULL,
  qty TEXT NOT NULL,
  pnl TEXT NOT NULL,
  fees TEXT NOT NULL,
  exit_reason TEXT NOT NULL,
  UNIQUE (entry_client_order_id, exit_client_order_id)
);
CREATE INDEX trades_by_exit ON trades(exit_time);
CREATE INDEX trades_by_market ON trades(market, exit_time);
CREATE TABLE positions (
  symbol TEXT PRIMARY KEY,
  market TEXT NOT NULL,
  strategy TEXT NOT NULL,
  entry_client_order_id TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  stop_price TEXT,
  qty TEXT NOT NULL,
  qty_available TEXT NOT NULL,
  avg_entry_price TEXT NOT NULL,
  cost_basis TEXT NOT NULL,
  market_value TEXT NOT NULL,
  current_price TEXT NOT NULL,
  unrealized_pl TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql"},
    Migration{R"sql(
CREATE TABLE api_calls (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  endpoint TEXT NOT NULL,
  http_status INTEGER NOT NULL
);
CREATE INDEX api_calls_by_time ON api_calls(time);
CREATE TABLE heartbeats (
  time INTEGER PRIMARY KEY
);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  kind TEXT NOT NULL,
  market TEXT,
  message TEXT NOT NULL
);
CREATE INDEX events_by_time ON events(time);
CREATE INDEX events_by_kind ON events(kind, time);
)sql"},
    Migration{R"sql(
CREATE TABLE equity_history (
  time INTEGER PRIMARY KEY,
  equity TEXT NOT NULL
);
CREATE TABLE scans (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  market TEXT NOT NULL,
  symbols_scanned INTEGER NOT NULL
);
CREATE INDEX scans_by_time ON scans(time);
CREATE TABLE scan_results (
  scan_id INTEGER NOT NULL REFERENCES scans(id),
  rank INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  strategy TEXT NOT NULL,
  score REAL NOT NULL,
  close REAL NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (scan_id, rank)
);
)sql"},
    Migration{R"sql(
ALTER TABLE orders ADD COLUMN booked_at INTEGER;
UPDATE orders SET booked_at = updated_at
  WHERE status IN ('filled', 'canceled', 'expired', 'rejected', 'replaced');
)sql"},
    Migration{R"sql(
CREATE INDEX orders_open ON orders(created_at)
  WHERE status NOT IN ('filled', 'canceled', 'expired', 'rejected', 'replaced');
CREATE INDEX orders_unbooked ON orders(updated_at)
  WHERE booked_at IS NULL AND status IN ('filled', 'canceled', 'expired', 'rejected', 'replaced');
CREATE TABLE market_totals (
  market TEXT PRIMARY KEY,
  trades INTEGER NOT NULL,
  wins INTEGER NOT NULL,
  pnl_units INTEGER NOT NULL
);
)sql",
              fill_market_totals},
};

} // namespace

int latest_schema_version() {
  return static_cast<int>(k_migrations.size());
}

core::Result<int> schema_version(Database& db) {
  if (auto created =
          db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      !created) {
    return created.error();
  }
  auto stmt = db.prepare("SELECT MAX(version) FROM schema_version");
  if (!stmt) {
    return stmt.error();
  }
  auto row = stmt->step();
  if (!row) {
    return row.error();
  }
  return *row && !stmt->is_null(0) ? static_cast<int>(stmt->integer(0)) : 0;
}

core::Result<int> read_schema_version(Database& db) {
  auto table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                          "'schema_version'");
  if (!table) {
    return table.error();
  }
  auto present = table->step();
  if (!present) {
    return present.error();
  }
  if (!*present) {
    return 0;
  }
  auto stmt = db.prepare("SELECT MAX(version) FROM schema_version");
  if (!stmt) {
    return stmt.error();
  }
  auto row = stmt->step();
  if (!row) {
    return row.error();
  }
  return *row && !stmt->is_null(0) ? static_cast<int>(stmt->integer(0)) : 0;
}

core::Status migrate(Database& db, int target) {
  const int latest = latest_schema_version();
  if (target < 0 || target > latest) {
    target = latest;
  }
  auto current = schema_version(db);
  if (!current) {
    return current.error();
  }
  if (*current > latest) {
    return core::Error{"state database has schema version " + std::to_string(*current) +
                           ", newer than this program's " + std::to_string(latest),
                       db.path().string()};
  }
  for (int version = *current + 1; version <= target; ++version) {
    Transaction txn(db);
    if (!txn.started()) {
      return txn.started();
    }
    const Migration& migration = k_migrations[static_cast<std::size_t>(version - 1)];
    auto applied = db.exec(migration.sql);
    if (applied && migration.fill != nullptr) {
      applied = migration.fill(db);
    }
    if (!applied) {
      return core::Error{"migration to schema version " + std::to_string(version) +
                             " failed: " + applied.error().what,
                         db.path().string()};
    }
    auto stmt = db.prepare("INSERT INTO schema_version (version) VALUES (?)");
    if (!stmt) {
      return stmt.error();
    }
    if (auto inserted = stmt->bind(1, version).run(); !inserted) {
      return inserted;
    }
    if (auto committed = txn.commit(); !committed) {
      return committed;
    }
  }
  return {};
}

} // namespace crew::state
