#include "state/database.hpp"

#include <sqlite3.h>

#include <string>
#include <unordered_map>
#include <utility>

namespace crew::state {

namespace {

// The store runs a few dozen distinct texts (the record filters make up to 16 variants each);
// more than this means texts built from values, which are not worth keeping.
constexpr std::size_t k_max_cached_statements = 128;

} // namespace

// Keyed by the SQL text. An entry handed out is never erased before the connection closes, and
// the map's nodes do not move, so the address of an entry's flag stays valid for its Statement.
struct Database::StatementCache {
  struct Entry {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  std::unordered_map<std::string, Entry> entries;

  ~StatementCache() {
    for (auto& [sql, entry] : entries) {
      sqlite3_finalize(entry.stmt);
    }
  }
};

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_in_use(std::exchange(other.m_in_use, nullptr)),
      m_column_error(std::move(other.m_column_error)) {}

Statement::~Statement() {
  if (m_in_use != nullptr) {
    // Reset ends the statement's read of the file (a kept statement left mid-way would pin a
    // reader's snapshot and stop WAL checkpoints); the next use binds afresh.
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    *m_in_use = false;
    return;
  }
  sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(m_stmt, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, core::Decimal value) {
  return bind(index, std::string_view(value.to_string()));
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(m_stmt, index);
  return *this;
}

core::Result<bool> Statement::step() {
  const int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return core::Error{std::string(sqlite3_errmsg(m_db)), sqlite3_sql(m_stmt)};
}

core::Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      return row.error();
    }
    if (!*row) {
      return {};
    }
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(m_stmt, column);
}

std::string Statement::text(int column) const {
  const unsigned char* text = sqlite3_column_text(m_stmt, column);
  if (text == nullptr) {
    return {};
  }
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)));
}

std::optional<core::UtcTime> Statement::optional_time(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return time(column);
}

core::Decimal Statement::decimal(int column) {
  auto parsed = core::parse_decimal(text(column));
  if (!parsed) {
    note_column_error(core::Error{"malformed decimal in column " + std::to_string(column) + ": " +
                                      parsed.error().what,
                                  sqlite3_sql(m_stmt)});
    return {};
  }
  return *parsed;
}

std::optional<core::Decimal> Statement::optional_decimal(int column) {
  if (is_null(column)) {
    return std::nullopt;
  }
  return decimal(column);
}

core::Result<Database> Database::open(const std::filesystem::path& file, bool read_only) {
  std::error_code ec;
  if (file.has_parent_path() && !read_only) {
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      return core::Error{"cannot create directory: " + ec.message(), file.parent_path().string()};
    }
  }
  sqlite3* db = nullptr;
  const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  Database database(file, db);
  if (rc != SQLITE_OK) {
    return database.error("cannot open the state database");
  }
  return database;
}

Database::Database(std::filesystem::path path, sqlite3* db)
    : m_path(std::move(path)), m_db(db), m_cache(std::make_unique<StatementCache>()) {}

Database::Database(Database&& other) noexcept
    : m_path(std::move(other.m_path)), m_db(std::exchange(other.m_db, nullptr)),
      m_depth(other.m_depth), m_cache(std::move(other.m_cache)) {}

Database::~Database() {
  m_cache.reset(); // finalized first: a connection with live statements does not close
  sqlite3_close_v2(m_db);
}

core::Status Database::exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string what = message != nullptr ? message : sqlite3_errmsg(m_db);
    sqlite3_free(message);
    return core::Error{what + " (in: " + sql.substr(0, 60) + ")", m_path.string()};
  }
  return {};
}

core::Result<Statement> Database::prepare(std::string_view sql) {
  StatementCache::Entry* entry = nullptr;
  if (m_cache) {
    if (auto it = m_cache->entries.find(std::string(sql)); it != m_cache->entries.end()) {
      if (!it->second.in_use) {
        it->second.in_use = true;
        return Statement(m_db, it->second.stmt, &it->second.in_use);
      }
    } else if (m_cache->entries.size() < k_max_cached_statements) {
      entry = &m_cache->entries[std::string(sql)];
    }
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    if (entry != nullptr) {
      m_cache->entries.erase(std::string(sql));
    }
    return error("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
  }
  if (entry == nullptr) {
    return Statement(m_db, stmt);
  }
  entry->stmt = stmt;
  entry->in_use = true;
  return Statement(m_db, stmt, &entry->in_use);
}

std::size_t Database::cached_statements() const {
  return m_cache ? m_cache->entries.size() : 0;
}

std::int64_t Database::changes() const {
  return sqlite3_changes64(m_db);
}

std::int64_t Database::last_insert_id() const {
  return sqlite3_last_insert_rowid(m_db);
}

core::Error Database::error(const std::string& doing) const {
  return core::Error{doing + ": " + (m_db != nullptr ? sqlite3_errmsg(m_db) : "out of memory"),
                     m_path.string()};
}

core::Status Database::begin() {
  auto status = exec(m_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT s" + std::to_string(m_depth));
  if (status) {
    ++m_depth;
  }
  return status;
}

core::Status Database::commit() {
  const int depth = m_depth - 1;
  auto status = exec(depth == 0 ? "COMMIT" : "RELEASE s" + std::to_string(depth));
  if (status) {
    m_depth = depth;
  }
  return status;
}

core::Status Database::rollback() {
  const int depth = m_depth - 1;
  m_depth = depth;
  if (depth == 0) {
    return exec("ROLLBACK");
  }
  const std::string name = "s" + std::to_string(depth);
  auto status = exec("ROLLBACK TO " + name);
  auto released = exec("RELEASE " + name);
  return status ? released : status;
}

Transaction::~Transaction() {
  if (m_status && !m_done) {
    (void)m_db.rollback();
  }
}

core::Status Transaction::commit() {
  if (!m_status) {
    return m_status;
  }
  m_done = true;
  auto status = m_db.commit();
  if (!status) {
    (void)m_db.rollback();
  }
  return status;
}

} // namespace crew::state
