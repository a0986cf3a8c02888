#include "data/bar_store.hpp"

#include "data/bar_gaps.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>

namespace crew::data {
namespace {

// `checksum` (since issue 16) is a 32-bit hash of the row (bar_checksum), NULL in rows an older
// version wrote: SQLite checks its pages' structure, not the bytes of a price.
constexpr const char* k_schema = R"sql(
CREATE TABLE IF NOT EXISTS bars (
  symbol TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  time INTEGER NOT NULL,
  open REAL NOT NULL,
  high REAL NOT NULL,
  low REAL NOT NULL,
  close REAL NOT NULL,
  volume REAL NOT NULL,
  trade_count REAL,
  vwap REAL,
  checksum INTEGER,
  PRIMARY KEY (symbol, timeframe, time)
) WITHOUT ROWID;
)sql";

// The largest store checked with PRAGMA quick_check before a write (see check_before_write).
constexpr std::uintmax_t k_quick_check_max_bytes = 512ULL << 20;

// The columns a bar store of any version has.
constexpr std::array<std::string_view, 10> k_bar_columns = {
    "symbol", "timeframe", "time", "open", "high", "low", "close", "volume", "trade_count", "vwap"};

std::uint64_t mix(std::uint64_t h, std::uint64_t word) {
  return (h ^ word) * 0x100000001b3ULL; // a bijection of h for each word, and of word for each h
}

// The bits a stored double reads back as: SQLite keeps 0 (and -0) as the integer 0, NULL as 0.
std::uint64_t stored_bits(double value) {
  return value == 0 || std::isnan(value) ? 0 : std::bit_cast<std::uint64_t>(value);
}

std::uint64_t series_hash(std::string_view symbol, std::string_view timeframe) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : symbol) {
    h = mix(h, static_cast<unsigned char>(c));
  }
  h = mix(h, 0x100); // not a byte: ends the symbol
  for (const char c : timeframe) {
    h = mix(h, static_cast<unsigned char>(c));
  }
  return h;
}

// The row's checksum: every field mixed in, then finalized (splitmix64) and cut to 32 bits, so a
// changed bit anywhere in the row changes it but for a chance of 2^-32.
std::int64_t bar_checksum(std::uint64_t series, const core::Bar& bar) {
  std::uint64_t h = mix(series, static_cast<std::uint64_t>(bar.time.ns()));
  for (const double value :
       {bar.open, bar.high, bar.low, bar.close, bar.volume, bar.trade_count, bar.vwap}) {
    h = mix(h, stored_bits(value));
  }
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(h));
}

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

} // namespace

struct BarStore::Impl {
  std::filesystem::path path;
  sqlite3* db = nullptr;
  std::mutex mutex;
  Statement insert;
  bool checked = false; // PRAGMA quick_check passed on this connection (before its first write)

  ~Impl() { sqlite3_close_v2(db); }

  core::Error error(const std::string& doing) const {
    return core::Error{doing + ": " + sqlite3_errmsg(db), path.string()};
  }

  core::Error refusal(const std::string& why) const {
    return core::Error{why + "; refusing to use it as the bar store", path.string(), true};
  }

  // The text of every row of a one-column query.
  core::Result<std::vector<std::string>> column_texts(const char* sql) const {
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

  // Whether the file is a bar store, before anything is written to it: crew's application_id,
  // else (a store of the versions before it, or a new file) nothing but our bars table.
  // Returns whether the file still needs the schema and the application_id.
  core::Result<bool> identify() const {
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

  // Creates the table (and the checksum column a store of an older version lacks) and stamps
  // the application_id, in one transaction, so that concurrent openers agree.
  core::Status create_and_stamp() {
    if (auto status = exec("BEGIN IMMEDIATE"); !status) {
      return status;
    }
    auto done = [&]() -> core::Status {
      if (auto status = exec(k_schema); !status) {
        return status;
      }
      auto columns = column_texts("SELECT name FROM pragma_table_info('bars')");
      if (!columns) {
        return columns.error();
      }
      if (std::find(columns->begin(), columns->end(), "checksum") == columns->end()) {
        if (auto status = exec("ALTER TABLE bars ADD COLUMN checksum INTEGER"); !status) {
          return status;
        }
      }
      const std::string stamp =
          "PRAGMA application_id = " + std::to_string(k_bar_store_application_id);
      return exec(stamp.c_str());
    }();
    if (!done) {
      (void)exec("ROLLBACK");
      return done;
    }
    return exec("COMMIT");
  }

  // PRAGMA quick_check before the first write of this connection: SQLite would otherwise write
  // into damaged pages (a broken freelist hands out pages in use) and spread the damage. It reads
  // the whole file, about 3 ms per MB from the page cache and up to 85 ms per MB from this
  // machine's disk (1.5 GB: 4–6 s warm, 128 s cold), so stores above k_quick_check_max_bytes
  // are not checked; their rows still are, against their checksums, when read.
  core::Status check_before_write() {
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

  core::Status exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      return core::Error{std::string("sqlite: ") + text, path.string()};
    }
    return {};
  }

  core::Result<sqlite3_stmt*> prepare(const char* sql, Statement& stmt) const {
    if (sqlite3_prepare_v2(db, sql, -1, stmt.out(), nullptr) != SQLITE_OK) {
      return error("prepare");
    }
    return stmt.get();
  }

  core::Status insert_series(const BarSeries& bars) {
    sqlite3_stmt* stmt = insert.get();
    const std::string& symbol = bars.symbol().str();
    const std::string_view timeframe = core::to_string(bars.timeframe());
    const std::uint64_t series = series_hash(symbol, timeframe);
    // Bindings survive sqlite3_reset, so symbol and timeframe are bound once per series.
    sqlite3_bind_text(stmt, 1, symbol.data(), static_cast<int>(symbol.size()), SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, timeframe.data(), static_cast<int>(timeframe.size()), SQLITE_STATIC);
    for (std::size_t i = 0; i < bars.size(); ++i) {
      sqlite3_bind_int64(stmt, 3, bars.time()[i].ns());
      sqlite3_bind_double(stmt, 4, bars.open()[i]);
      sqlite3_bind_double(stmt, 5, bars.high()[i]);
      sqlite3_bind_double(stmt, 6, bars.low()[i]);
      sqlite3_bind_double(stmt, 7, bars.close()[i]);
      sqlite3_bind_double(stmt, 8, bars.volume()[i]);
      // Unknown (0) trade_count/vwap are stored as NULL, which reads back as 0.
      if (bars.trade_count()[i] != 0) {
        sqlite3_bind_double(stmt, 9, bars.trade_count()[i]);
      } else {
        sqlite3_bind_null(stmt, 9);
      }
      if (bars.vwap()[i] != 0) {
        sqlite3_bind_double(stmt, 10, bars.vwap()[i]);
      } else {
        sqlite3_bind_null(stmt, 10);
      }
      sqlite3_bind_int64(stmt, 11, bar_checksum(series, bars.at(i)));
      const int rc = sqlite3_step(stmt);
      sqlite3_reset(stmt);
      if (rc != SQLITE_DONE) {
        return error("insert " + symbol);
      }
    }
    sqlite3_clear_bindings(stmt);
    return {};
  }
};

BarStore::BarStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BarStore::BarStore(BarStore&&) noexcept = default;
BarStore& BarStore::operator=(BarStore&&) noexcept = default;
BarStore::~BarStore() = default;

const std::filesystem::path& BarStore::path() const {
  return m_impl->path;
}

core::Result<BarStore> BarStore::open(const std::filesystem::path& file) {
  auto impl = std::make_unique<Impl>();
  impl->path = file;
  std::error_code ec;
  if (file.has_parent_path()) {
    std::filesystem::create_directories(file.parent_path(), ec);
    if (ec) {
      return core::Error{"cannot create directory: " + ec.message(), file.parent_path().string()};
    }
  }
  if (sqlite3_open_v2(file.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                      nullptr) != SQLITE_OK) {
    return impl->error("cannot open the bar store");
  }
  sqlite3_busy_timeout(impl->db, 5000);
  // Before anything writes (the WAL switch writes the header): is the file ours?
  const auto unstamped = impl->identify();
  if (!unstamped) {
    return unstamped.error();
  }
  // Memory-mapped reads and a 64 MiB page cache: range reads are the hot path of backtests.
  for (const char* sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                          "PRAGMA mmap_size=268435456", "PRAGMA cache_size=-65536"}) {
    if (auto status = impl->exec(sql); !status) {
      return status.error();
    }
  }
  if (*unstamped) {
    if (auto status = impl->create_and_stamp(); !status) {
      return status.error();
    }
  }
  if (auto stmt = impl->prepare("INSERT OR REPLACE INTO bars (symbol, timeframe, time, open, high, "
                                "low, close, volume, trade_count, vwap, checksum) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                impl->insert);
      !stmt) {
    return stmt.error();
  }
  spdlog::debug("bar store open: {}", file.string());
  return BarStore(std::move(impl));
}

core::Status BarStore::upsert(const BarSeries& bars) {
  return upsert_all(std::span<const BarSeries>(&bars, 1));
}

core::Status BarStore::upsert_all(std::span<const BarSeries> series) {
  const std::lock_guard lock(m_impl->mutex);
  if (auto status = m_impl->check_before_write(); !status) {
    return status;
  }
  if (auto status = m_impl->exec("BEGIN IMMEDIATE"); !status) {
    return status;
  }
  for (const auto& bars : series) {
    if (auto status = m_impl->insert_series(bars); !status) {
      (void)m_impl->exec("ROLLBACK");
      return status;
    }
  }
  return m_impl->exec("COMMIT");
}

core::Result<BarSeries> BarStore::read(const core::Symbol& symbol, core::Timeframe timeframe,
                                       core::UtcTime from, core::UtcTime to,
                                       std::size_t limit) const {
  const std::lock_guard lock(m_impl->mutex);
  Statement stmt;
  auto prepared = m_impl->prepare(
      "SELECT time, open, high, low, close, volume, trade_count, vwap, checksum FROM bars "
      "WHERE symbol = ?1 AND timeframe = ?2 AND time >= ?3 AND time < ?4 ORDER BY time LIMIT ?5",
      stmt);
  if (!prepared) {
    return prepared.error();
  }
  sqlite3_stmt* s = *prepared;
  const std::string_view tf = core::to_string(timeframe);
  sqlite3_bind_text(s, 1, symbol.str().data(), static_cast<int>(symbol.str().size()),
                    SQLITE_STATIC);
  sqlite3_bind_text(s, 2, tf.data(), static_cast<int>(tf.size()), SQLITE_STATIC);
  sqlite3_bind_int64(s, 3, from.ns());
  sqlite3_bind_int64(s, 4, to.ns());
  constexpr std::size_t k_sql_max = static_cast<std::size_t>(INT64_MAX);
  sqlite3_bind_int64(s, 5, static_cast<sqlite3_int64>(std::min(limit, k_sql_max)));
  BarSeries bars(symbol, timeframe);
  const std::uint64_t series = series_hash(symbol.str(), tf);
  core::Bar bar;
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    bar.time = core::UtcTime::from_ns(sqlite3_column_int64(s, 0));
    bar.open = sqlite3_column_double(s, 1);
    bar.high = sqlite3_column_double(s, 2);
    bar.low = sqlite3_column_double(s, 3);
    bar.close = sqlite3_column_double(s, 4);
    bar.volume = sqlite3_column_double(s, 5);
    bar.trade_count = sqlite3_column_double(s, 6);
    bar.vwap = sqlite3_column_double(s, 7);
    if (sqlite3_column_type(s, 8) != SQLITE_NULL &&
        sqlite3_column_int64(s, 8) != bar_checksum(series, bar)) {
      return core::Error{"bar " + symbol.str() + " " + std::string(tf) + " " +
                             core::format_rfc3339(bar.time) +
                             " does not match its checksum: the bar store is damaged (restore a "
                             "copy, or erase the series and import it again)",
                         m_impl->path.string()};
    }
    bars.push_back(bar);
  }
  if (rc != SQLITE_DONE) {
    return m_impl->error("read " + symbol.str());
  }
  return bars;
}

core::Result<BarSeries> BarStore::read_all(const core::Symbol& symbol,
                                           core::Timeframe timeframe) const {
  return read(symbol, timeframe, core::UtcTime::from_ns(INT64_MIN),
              core::UtcTime::from_ns(INT64_MAX));
}

core::Result<std::vector<core::UtcTime>> BarStore::times(const core::Symbol& symbol,
                                                         core::Timeframe timeframe) const {
  const std::lock_guard lock(m_impl->mutex);
  Statement stmt;
  auto prepared = m_impl->prepare(
      "SELECT time FROM bars WHERE symbol = ?1 AND timeframe = ?2 ORDER BY time", stmt);
  if (!prepared) {
    return prepared.error();
  }
  const std::string_view tf = core::to_string(timeframe);
  sqlite3_bind_text(*prepared, 1, symbol.str().data(), static_cast<int>(symbol.str().size()),
                    SQLITE_STATIC);
  sqlite3_bind_text(*prepared, 2, tf.data(), static_cast<int>(tf.size()), SQLITE_STATIC);
  std::vector<core::UtcTime> out;
  int rc = 0;
  while ((rc = sqlite3_step(*prepared)) == SQLITE_ROW) {
    out.push_back(core::UtcTime::from_ns(sqlite3_column_int64(*prepared, 0)));
  }
  if (rc != SQLITE_DONE) {
    return m_impl->error("read times of " + symbol.str());
  }
  return out;
}

core::Result<std::vector<StoredSeries>> BarStore::list(bool with_gaps) const {
  std::vector<StoredSeries> out;
  {
    const std::lock_guard lock(m_impl->mutex);
    Statement stmt;
    auto prepared = m_impl->prepare("SELECT symbol, timeframe, MIN(time), MAX(time), COUNT(*) "
                                    "FROM bars GROUP BY symbol, timeframe",
                                    stmt);
    if (!prepared) {
      return prepared.error();
    }
    sqlite3_stmt* s = *prepared;
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const auto* symbol_text = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
      const auto* tf_text = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
      auto symbol = core::classify_symbol(symbol_text != nullptr ? symbol_text : "");
      auto timeframe = core::parse_timeframe(tf_text != nullptr ? tf_text : "");
      if (!symbol || !timeframe) {
        return core::Error{"unreadable series key " + std::string(symbol_text ? symbol_text : "") +
                               " " + std::string(tf_text ? tf_text : ""),
                           m_impl->path.string()};
      }
      out.push_back(StoredSeries{*symbol, *timeframe,
                                 core::UtcTime::from_ns(sqlite3_column_int64(s, 2)),
                                 core::UtcTime::from_ns(sqlite3_column_int64(s, 3)),
                                 static_cast<std::size_t>(sqlite3_column_int64(s, 4)), 0});
    }
    if (rc != SQLITE_DONE) {
      return m_impl->error("list");
    }
  }
  // GROUP BY orders by the text form; order timeframes by length instead.
  std::sort(out.begin(), out.end(), [](const StoredSeries& a, const StoredSeries& b) {
    return a.symbol.str() != b.symbol.str() ? a.symbol.str() < b.symbol.str()
                                            : a.timeframe < b.timeframe;
  });
  if (with_gaps) {
    for (auto& series : out) {
      auto stamps = times(series.symbol, series.timeframe);
      if (!stamps) {
        return stamps.error();
      }
      series.missing = count_missing(*stamps, series.symbol.asset_class(), series.timeframe);
    }
  }
  return out;
}

core::Result<std::optional<StoredSeries>>
BarStore::describe(const core::Symbol& symbol, core::Timeframe timeframe, bool with_gaps) const {
  auto stamps = times(symbol, timeframe);
  if (!stamps) {
    return stamps.error();
  }
  if (stamps->empty()) {
    return std::optional<StoredSeries>{};
  }
  StoredSeries series{symbol, timeframe, stamps->front(), stamps->back(), stamps->size(), 0};
  if (with_gaps) {
    series.missing = count_missing(*stamps, symbol.asset_class(), timeframe);
  }
  return std::optional<StoredSeries>{series};
}

core::Result<std::size_t> BarStore::erase(const core::Symbol& symbol, core::Timeframe timeframe,
                                          core::UtcTime from, core::UtcTime to) {
  const std::lock_guard lock(m_impl->mutex);
  if (auto status = m_impl->check_before_write(); !status) {
    return status.error();
  }
  Statement stmt;
  auto prepared = m_impl->prepare(
      "DELETE FROM bars WHERE symbol = ?1 AND timeframe = ?2 AND time >= ?3 AND time < ?4", stmt);
  if (!prepared) {
    return prepared.error();
  }
  const std::string_view tf = core::to_string(timeframe);
  sqlite3_bind_text(*prepared, 1, symbol.str().data(), static_cast<int>(symbol.str().size()),
                    SQLITE_STATIC);
  sqlite3_bind_text(*prepared, 2, tf.data(), static_cast<int>(tf.size()), SQLITE_STATIC);
  sqlite3_bind_int64(*prepared, 3, from.ns());
  sqlite3_bind_int64(*prepared, 4, to.ns());
  if (sqlite3_step(*prepared) != SQLITE_DONE) {
    return m_impl->error("erase " + symbol.str());
  }
  return static_cast<std::size_t>(sqlite3_changes(m_impl->db));
}

} // namespace crew::data
