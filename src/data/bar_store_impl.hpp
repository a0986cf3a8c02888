#pragma once
// The inside of BarStore, shared by bar_store.cpp (reads and writes) and bar_store_schema.cpp
// (identity, upgrade of older layouts, integrity check). Internal to the data module.
#include "data/bar_blocks.hpp"
#include "data/bar_store.hpp"

#include <sqlite3.h>

#include <array>
#include <mutex>
#include <optional>
#include <string>

namespace crew::data {

// A prepared statement that finalizes itself.
class Statement {
public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(m_stmt); }
  sqlite3_stmt** out() { return &m_stmt; }
  sqlite3_stmt* get() const { return m_stmt; }

private:
  sqlite3_stmt* m_stmt = nullptr;
};

// Resets a kept statement when a use ends: one left mid-way would pin a WAL snapshot.
class Use {
public:
  explicit Use(const Statement& stmt) : m_stmt(stmt.get()) {}
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  ~Use() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  }
  sqlite3_stmt* get() const { return m_stmt; }

private:
  sqlite3_stmt* m_stmt;
};

// Schema version 2 (issue 12): bars packed in blocks of consecutive bars (data/bar_blocks.hpp),
// one row per block keyed by the time of its first bar. Versions 0/1 kept one row per bar in
// `bars`; opening such a store moves its rows into blocks once (Impl::upgrade).
inline constexpr int k_bar_schema_version = 2;

struct BarStore::Impl {
  std::filesystem::path path;
  sqlite3* db = nullptr;
  std::mutex mutex;
  // Kept for the connection's life: preparing them again costs more than a small read.
  Statement read_blocks, count_blocks, preceding, load_blocks, delete_blocks, insert_block;
  bool checked = false; // PRAGMA quick_check passed on this connection (before its first write)

  ~Impl() { sqlite3_close_v2(db); }

  core::Error error(const std::string& doing) const {
    return core::Error{doing + ": " + sqlite3_errmsg(db), path.string()};
  }
  core::Error refusal(const std::string& why) const {
    return core::Error{why + "; refusing to use it as the bar store", path.string(), true};
  }
  core::Status exec(const char* sql);
  core::Result<sqlite3_stmt*> prepare(const char* sql, Statement& stmt) const;
  // The text of every row of a one-column query.
  core::Result<std::vector<std::string>> column_texts(const char* sql) const;

  // bar_store_schema.cpp
  // Whether the file is a bar store, before anything is written to it; returns whether it still
  // needs the schema and the application_id.
  core::Result<bool> identify() const;
  core::Result<int> schema_version() const;
  core::Status upgrade();
  core::Status migrate_rows(bool has_checksum);
  core::Status check_before_write();

  // bar_store.cpp
  core::Status prepare_kept();
  core::Status insert_blocks(const std::string& symbol, std::string_view timeframe,
                             std::span<const blocks::Record> records);
  core::Result<std::optional<std::array<std::int64_t, 3>>>
  block_before(const std::string& symbol, std::string_view timeframe, std::int64_t t);
  core::Result<std::vector<blocks::Record>> take_blocks(const std::string& symbol,
                                                        std::string_view timeframe, std::int64_t lo,
                                                        std::int64_t hi);
  core::Status write_series(const BarSeries& bars);
};

} // namespace crew::data
