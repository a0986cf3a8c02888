#pragma once
// Database: the thin RAII layer over one SQLite connection that the state store is written in —
// prepared statements with typed binds (Decimal as exact text, UtcTime as nanoseconds) and nested
// transactions (BEGIN IMMEDIATE outside, SAVEPOINT inside). Internal to crew_state.
#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace crew::state {

// One use of a prepared statement. A statement from the connection's cache (`in_use` set) is
// reset and unbound when this ends, and kept for the next use of the same SQL; any other is
// finalized.
class Statement {
public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr)
      : m_db(db), m_stmt(stmt), m_in_use(in_use) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binds are 1-based, as in SQLite. Decimal binds as its exact text, UtcTime as nanoseconds.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, std::int64_t{value}); }
  Statement& bind(int index, bool value) { return bind(index, std::int64_t{value ? 1 : 0}); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const std::string& value) {
    return bind(index, std::string_view(value));
  }
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, core::Decimal value);
  Statement& bind(int index, core::UtcTime value) { return bind(index, value.ns()); }
  Statement& bind_null(int index);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }

  // Steps once: true when a row is ready, false when done.
  core::Result<bool> step();
  // Steps to the end (for statements that return no rows).
  core::Status run();

  bool is_null(int column) const;
  std::int64_t integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  core::UtcTime time(int column) const { return core::UtcTime::from_ns(integer(column)); }
  std::optional<core::UtcTime> optional_time(int column) const;
  // A stored decimal; malformed text is remembered in column_error() and reads as zero.
  core::Decimal decimal(int column);
  std::optional<core::Decimal> optional_decimal(int column);
  // The first malformed column value read so far, if any; readers of enum columns add theirs.
  const std::optional<core::Error>& column_error() const { return m_column_error; }
  void note_column_error(core::Error error) {
    if (!m_column_error) {
      m_column_error = std::move(error);
    }
  }

private:
  sqlite3* m_db;
  sqlite3_stmt* m_stmt;
  bool* m_in_use; // the cache entry's flag, or null for a statement of its own
  std::optional<core::Error> m_column_error;
};

class Database {
public:
  // Opens (creating it and its directory if needed) the SQLite file; `read_only` opens an
  // existing file for reading only (a viewer beside the loop that writes it).
  static core::Result<Database> open(const std::filesystem::path& file, bool read_only = false);
  Database(Database&& other) noexcept;
  Database& operator=(Database&&) = delete;
  Database(const Database&) = delete;
  ~Database();

  const std::filesystem::path& path() const { return m_path; }
  sqlite3* handle() const { return m_db; }

  core::Status exec(const std::string& sql);
  // Prepares `sql` once per connection and keeps it: the loop runs the same few statements every
  // tick, and preparing them again each time was most of their cost. A text already in use (a
  // nested use of the same SQL) gets a statement of its own, as do texts beyond the cache's size.
  core::Result<Statement> prepare(std::string_view sql);
  // Statements kept so far (for tests).
  std::size_t cached_statements() const;
  // Rows changed by the last INSERT/UPDATE/DELETE.
  std::int64_t changes() const;
  // The rowid of the last successful INSERT on this connection.
  std::int64_t last_insert_id() const;
  core::Error error(const std::string& doing) const;

  // Transactions nest: the outermost is BEGIN IMMEDIATE (takes the write lock at once), inner
  // ones are savepoints. Prefer the Transaction guard.
  core::Status begin();
  core::Status commit();
  core::Status rollback();
  bool in_transaction() const { return m_depth > 0; }

private:
  struct StatementCache;
  Database(std::filesystem::path path, sqlite3* db);
  std::filesystem::path m_path;
  sqlite3* m_db;
  int m_depth = 0;
  std::unique_ptr<StatementCache> m_cache; // kept statements, finalized before the close
};

// Begins on construction, rolls back on destruction unless commit() succeeded.
class Transaction {
public:
  explicit Transaction(Database& db) : m_db(db), m_status(db.begin()) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Whether BEGIN succeeded (check before writing).
  const core::Status& started() const { return m_status; }
  core::Status commit();

private:
  Database& m_db;
  core::Status m_status;
  bool m_done = false;
};

} // namespace crew::state
