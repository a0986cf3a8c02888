// The bar store's file: is it ours, which layout does it hold, is it whole. See bar_store_impl.hpp.
#include "data/bar_store_impl.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

namespace crew::data {
namespace {

constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS bar_blocks (
  symbol TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  start INTEGER NOT NULL,
  last INTEGER NOT NULL,
  count INTEGER NOT NULL,
  bars BLOB NOT NULL,
  PRIMARY KEY (symbol, timeframe, start)
) WITHOUT ROWID;
)sql";

// The largest store checked with PRAGMA quick_check before a write (see check_before_write).
constexpr std::uintmax_t k_quick_check_max_bytes = 512ULL << 20;

// The columns a bar store of a version before 2 has (`checksum` since issue 16).
constexpr std::array<std::string_view, 10> k_bar_columns = {
    "symbol", "timeframe", "time", "open", "high", "low", "close", "volume", "trade_count", "vwap"};

} // namespace

core::Status BarStore::Impl::exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    return core::Error{std::string("sqlite: ") + text, path.string()};
  }
  return {};
}

core::Result<sqlite3_stmt*> BarStore::Impl::prepare(const char* sql, Statement& stmt) const {
  if (sqlite3_prepare_v2(db, sql, -1, stmt.out(), nullptr) != SQLITE_OK) {
    return error("prepare");
  }
  return stmt.get();
}

// The text of every row of a one-column query.
core::Result<std::vector<std::string>> BarStore::Impl::column_texts(const char* sql) const {
  Statement stmt;
  std::vector<std::string> out;
  int rc = sqlite3_prepare_v2(db, sql, -1, stmt.out(), nullptr);
  while (rc == SQLITE_OK && (rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    out.emplace_back(text != nullptr ? text : "");
    rc = SQLITE_OK;
  }
  if (rc == SQLITE_DONE) {
    return out;
  }
  if (sqlite3_errcode(db) == SQLITE_NOTADB) {
    return refusal("not an SQLite database (SQLite: " + std::string(sqlite3_errmsg(db)) + ")");
  }
  return error(sql);
}

core::Result<int> BarStore::Impl::schema_version() const {
  auto version = column_texts("PRAGMA user_version");
  if (!version) {
    return version.error();
  }
  return version->empty() ? 0 : std::stoi(version->front());
}

// Whether the file is a bar store, before anything is written to it: crew's application_id,
// else (a store of the versions before it, or a new file) nothing but our bars table.
// Returns whether the file still needs the schema and the application_id.
core::Result<bool> BarStore::Impl::identify() const {
  auto id = column_texts("PRAGMA application_id");
  if (!id) {
    return id.error();
  }
  if (!id->empty() && id->front() == std::to_string(k_bar_store_application_id)) {
    return false;
  }
  if (!id->empty() && id->front() != "0") {
    return refusal("its SQLite application_id " + id->front() + " is not crew's bar store's (" +
                   std::to_string(k_bar_store_application_id) + ")");
  }
  auto names = column_texts("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                            "ORDER BY name");
  if (!names) {
    return names.error();
  }
  if (names->empty()) {
    return true;
  }
  auto columns = column_texts("SELECT name FROM pragma_table_info('bars')");
  if (!columns) {
    return columns.error();
  }
  const std::set<std::string_view> have(columns->begin(), columns->end());
  const bool ours = *names == std::vector<std::string>{"bars"} &&
                    std::all_of(k_bar_columns.begin(), k_bar_columns.end(),
                                [&](std::string_view c) { return have.contains(c); });
  if (!ours) {
    std::string listed;
    for (std::size_t i = 0; i < names->size() && i < 4; ++i) {
      listed += (i == 0 ? "" : ", ") + (*names)[i];
    }
    return refusal("not a crew bar store: it holds " + listed + (names->size() > 4 ? ", …" : "") +
                   " and no crew application_id");
  }
  return true;
}

// Brings the file to k_bar_schema_version in one transaction, so that concurrent openers agree:
// creates the block table, moves the rows of an older store's `bars` table into blocks and
// drops it, stamps the version and the application_id.
core::Status BarStore::Impl::upgrade() {
  auto legacy = column_texts("SELECT name FROM pragma_table_info('bars')");
  if (!legacy) {
    return legacy.error();
  }
  if (!legacy->empty()) {
    // Moving rows is a write: not into a damaged file.
    if (auto status = check_before_write(); !status) {
      return status;
    }
  }
  if (auto status = exec("BEGIN IMMEDIATE"); !status) {
    return status;
  }
  auto done = [&]() -> core::Status {
    auto version = schema_version();
    if (!version) {
      return version.error();
    }
    if (*version >= k_bar_schema_version) {
      return {}; // another opener upgraded it while this one waited for the lock
    }
    if (auto status = exec(k_schema); !status) {
      return status;
    }
    auto columns = column_texts("SELECT name FROM pragma_table_info('bars')");
    if (!columns) {
      return columns.error();
    }
    if (!columns->empty()) {
      if (auto status = prepare_kept(); !status) {
        return status;
      }
      const bool has_checksum =
          std::find(columns->begin(), columns->end(), "checksum") != columns->end();
      if (auto status = migrate_rows(has_checksum); !status) {
        return status;
      }
      if (auto status = exec("DROP TABLE bars"); !status) {
        return status;
      }
    }
    const std::string stamp =
        "PRAGMA user_version = " + std::to_string(k_bar_schema_version) +
        "; PRAGMA application_id = " + std::to_string(k_bar_store_application_id);
    return exec(stamp.c_str());
  }();
  if (!done) {
    (void)exec("ROLLBACK");
    return done;
  }
  return exec("COMMIT");
}

// Moves every row of the one-row-per-bar table into blocks. A row keeps the checksum it was
// stored with, so a bar damaged before the move is still refused when read; rows of the
// versions before checksums (NULL) get one now.
core::Status BarStore::Impl::migrate_rows(bool has_checksum) {
  Statement rows;
  const std::string sql =
      std::string("SELECT symbol, timeframe, time, open, high, low, close, volume, "
                  "trade_count, vwap, ") +
      (has_checksum ? "checksum" : "NULL") + " FROM bars ORDER BY symbol, timeframe, time";
  auto prepared = prepare(sql.c_str(), rows);
  if (!prepared) {
    return prepared.error();
  }
  sqlite3_stmt* s = *prepared;
  std::string symbol;
  std::string timeframe;
  std::uint64_t series = 0;
  std::vector<blocks::Record> pending;
  std::size_t moved = 0;
  auto flush = [&]() -> core::Status {
    auto status = insert_blocks(symbol, timeframe, pending);
    pending.clear();
    return status;
  };
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const auto* sym = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    const auto* tf = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
    const std::string_view sym_text = sym != nullptr ? sym : "";
    const std::string_view tf_text = tf != nullptr ? tf : "";
    if (sym_text != symbol || tf_text != timeframe) {
      if (auto status = flush(); !status) {
        return status;
      }
      symbol = sym_text;
      timeframe = tf_text;
      series = blocks::series_hash(symbol, timeframe);
    }
    core::Bar bar{core::UtcTime::from_ns(sqlite3_column_int64(s, 2)),
                  sqlite3_column_double(s, 3),
                  sqlite3_column_double(s, 4),
                  sqlite3_column_double(s, 5),
                  sqlite3_column_double(s, 6),
                  sqlite3_column_double(s, 7),
                  sqlite3_column_double(s, 8),
                  sqlite3_column_double(s, 9)};
    const std::uint32_t checksum = sqlite3_column_type(s, 10) == SQLITE_NULL
                                       ? blocks::bar_checksum(series, bar)
                                       : static_cast<std::uint32_t>(sqlite3_column_int64(s, 10));
    pending.push_back(blocks::encode(bar, checksum));
    ++moved;
    if (pending.size() == blocks::k_block_bars) {
      if (auto status = flush(); !status) {
        return status;
      }
    }
  }
  if (rc != SQLITE_DONE) {
    return error("read the bars to pack them");
  }
  if (auto status = flush(); !status) {
    return status;
  }
  if (moved > 0) {
    // No duration here: the data module does not read the clock (check-seams); the log line's
    // own time stamp against the open's says how long it took.
    spdlog::info("bar store {}: {} bars packed into blocks (schema version {})", path.string(),
                 moved, k_bar_schema_version);
  }
  return {};
}

// PRAGMA quick_check before the first write of this connection: SQLite would otherwise write
// into damaged pages (a broken freelist hands out pages in use) and spread the damage. It reads
// the whole file, about 3 ms per MB from the page cache and up to 85 ms per MB from this
// machine's disk (1.5 GB: 4–6 s warm, 128 s cold), so stores above k_quick_check_max_bytes
// are not checked; their bars still are, against their checksums, when read.
core::Status BarStore::Impl::check_before_write() {
  if (checked) {
    return {};
  }
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec);
      !ec && size > k_quick_check_max_bytes) {
    spdlog::info("bar store {} is {} MB: not checked with PRAGMA quick_check before writing",
                 path.string(), size >> 20);
    checked = true;
    return {};
  }
  auto result = column_texts("PRAGMA quick_check(1)");
  if (!result || result->empty() || result->front() != "ok") {
    const std::string why = !result           ? result.error().what
                            : result->empty() ? std::string("no answer")
                                              : result->front();
    return core::Error{"the bar store is damaged (PRAGMA quick_check: " + why +
                           "); nothing was written: restore a copy, or import the series into "
                           "a new store",
                       path.string()};
  }
  checked = true;
  return {};
}

} // namespace crew::data
