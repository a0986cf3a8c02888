#pragma once
// StateStore's private part, shared by the state_store_*.cpp files that implement its table
// families. Internal to crew_state.
#include "state/state_store.hpp"

#include <functional>
#include <mutex>
#include <string>

namespace crew::state {

// How hard a write must reach the disk before its commit returns.
enum class Durability { critical, routine };

struct StateStore::Impl {
  explicit Impl(Database database, StoreOptions store_options)
      : db(std::move(database)), options(store_options) {}

  Database db;
  StoreOptions options;
  std::recursive_mutex mutex;
  std::string synchronous; // the pragma value last set

  // Runs `body` in a transaction (joining an open one), with the durability of its data:
  // critical = synchronous FULL (orders, fills, trades, positions, settings), routine = NORMAL.
  core::Status write(Durability durability, const std::function<core::Status()>& body);
  core::Status set_synchronous(const std::string& value);
};

// Runs `sql` with `bind` applied and returns nothing.
core::Status run_statement(Database& db, std::string_view sql,
                           const std::function<void(Statement&)>& bind);

// Reads every row of `sql` with `read`, after `bind`; a malformed column is an error.
template <typename T>
core::Result<std::vector<T>> query_rows(Database& db, std::string_view sql,
                                        const std::function<void(Statement&)>& bind,
                                        const std::function<T(Statement&)>& read) {
  auto stmt = db.prepare(sql);
  if (!stmt) {
    return stmt.error();
  }
  bind(*stmt);
  std::vector<T> rows;
  for (;;) {
    auto row = stmt->step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      break;
    }
    rows.push_back(read(*stmt));
    if (stmt->column_error()) {
      return *stmt->column_error();
    }
  }
  return rows;
}

// The WHERE clause of `query` over a table with market and symbol columns and `time_column`,
// holding only the filters that are set ("" when none): a term written to accept a missing
// value, "(?2 IS NULL OR t >= ?2)", keeps SQLite from ranging over the time index, so every
// windowed read scanned every row ever stored. Parameters ?1 market, ?2 from, ?3 to, ?4 symbol;
// bind_record_query binds the ones that are set.
std::string record_where(const RecordQuery& query, std::string_view time_column);
void bind_record_query(Statement& s, const RecordQuery& query);

// Parses a stored symbol or enum text; stored values were written by us, so a failure means
// the file was edited or corrupted and is reported as such.
core::Symbol stored_symbol(const std::string& text);

} // namespace crew::state
