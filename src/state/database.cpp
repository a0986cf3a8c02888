#include "state/database.hpp"

#include <sqlite3.h>

#include <utility>

namespace crew::state {

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)),
      m_column_error(std::move(other.m_column_error)) {}

Statement::~Statement() {
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

Database::Database(Database&& other) noexcept
    : m_path(std::move(other.m_path)), m_db(std::exchange(other.m_db, nullptr)),
      m_depth(other.m_depth) {}

Database::~Database() {
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
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return error("cannot prepare '" + std::string(sql.substr(0, 60)) + "'");
  }
  return Statement(m_db, stmt);
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
