#include "data/bar_store.hpp"

#include "data/bar_gaps.hpp"
#include "data/bar_store_impl.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <string>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace crew::data {
namespace {

// The blocks that may hold bars in [?3, ?4): from the one whose range holds or precedes ?3.
constexpr const char* k_read_sql =
    "SELECT start, last, count, bars FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 "
    "AND start >= coalesce((SELECT start FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 "
    "AND start <= ?3 ORDER BY start DESC LIMIT 1), ?3) AND start < ?4 ORDER BY start";
// How many bars those blocks hold (at most two blocks' worth more than the range): the columns
// are reserved once, instead of growing eight vectors by doubling (which, with the page faults
// of each new allocation, cost half the time of a large read).
constexpr const char* k_count_sql =
    "SELECT sum(count) FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 "
    "AND start >= coalesce((SELECT start FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 "
    "AND start <= ?3 ORDER BY start DESC LIMIT 1), ?3) AND start < ?4";

void bind_key(sqlite3_stmt* s, const std::string& symbol, std::string_view timeframe) {
  sqlite3_bind_text(s, 1, symbol.data(), static_cast<int>(symbol.size()), SQLITE_STATIC);
  sqlite3_bind_text(s, 2, timeframe.data(), static_cast<int>(timeframe.size()), SQLITE_STATIC);
}

blocks::BlockView block_at(sqlite3_stmt* s) {
  const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(s, 3));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(s, 3));
  return blocks::BlockView{sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                           sqlite3_column_int64(s, 2),
                           std::span<const unsigned char>(data, data != nullptr ? size : 0)};
}

// The columns of a large read are fresh memory (8 bytes a bar in each of 8 columns, from mmap).
// On this 2-core VM the first touch of each 4 KiB page costs about 12 µs, which made 3/4 of a
// 1M-bar read (docs/performance.md): ask for transparent huge pages and fault the range in with
// one call. Both are hints: a kernel without them (MADV_POPULATE_WRITE is Linux 5.14) just
// faults page by page. Contents are not touched.
constexpr std::size_t k_advised_bars = 1 << 15; // columns of 256 KiB and more
// Huge pages only where they cover most of a column: each advised range may split a mapping.
constexpr std::size_t k_huge_page_bytes = 4U << 20;
void advise_fresh_column(const void* data, std::size_t bytes) {
#if defined(__linux__)
  constexpr std::uintptr_t k_huge = 2U << 20;
  constexpr std::uintptr_t k_page = 4096;
  constexpr int k_populate_write = 23; // MADV_POPULATE_WRITE, absent from older headers
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const auto end = begin + bytes;
  const std::uintptr_t huge_begin = (begin + k_huge - 1) & ~(k_huge - 1);
  const std::uintptr_t huge_end = end & ~(k_huge - 1);
  if (bytes >= k_huge_page_bytes && huge_end > huge_begin) {
    (void)::madvise(reinterpret_cast<void*>(huge_begin), huge_end - huge_begin, MADV_HUGEPAGE);
  }
  const std::uintptr_t page_begin = (begin + k_page - 1) & ~(k_page - 1);
  const std::uintptr_t page_end = end & ~(k_page - 1);
  if (page_end > page_begin) {
    (void)::madvise(reinterpret_cast<void*>(page_begin), page_end - page_begin, k_populate_write);
  }
#else
  (void)data;
  (void)bytes;
#endif
}

void reserve_columns(BarSeries& bars, std::size_t n) {
  bars.reserve(n);
  if (n < k_advised_bars) {
    return;
  }
  const std::size_t bytes = n * sizeof(double);
  advise_fresh_column(bars.time().data(), n * sizeof(core::UtcTime));
  for (const auto column : {bars.open(), bars.high(), bars.low(), bars.close(), bars.volume(),
                            bars.trade_count(), bars.vwap()}) {
    advise_fresh_column(column.data(), bytes);
  }
}

std::string checksum_error(const std::string& series, core::UtcTime time) {
  return "bar " + series + " " + core::format_rfc3339(time) +
         " does not match its checksum: the bar store is damaged (restore a copy, or erase the "
         "series and import it again)";
}

} // namespace

core::Status BarStore::Impl::prepare_kept() {
  const std::array<std::pair<const char*, Statement*>, 6> kept = {{
      {k_read_sql, &read_blocks},
      {k_count_sql, &count_blocks},
      {"SELECT start, last, count FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 "
       "AND start <= ?3 ORDER BY start DESC LIMIT 1",
       &preceding},
      {"SELECT start, last, count, bars FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 "
       "AND start >= ?3 AND start <= ?4 ORDER BY start",
       &load_blocks},
      {"DELETE FROM bar_blocks WHERE symbol = ?1 AND timeframe = ?2 AND start >= ?3 "
       "AND start <= ?4",
       &delete_blocks},
      {"INSERT INTO bar_blocks (symbol, timeframe, start, last, count, bars) "
       "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
       &insert_block},
  }};
  for (const auto& [sql, stmt] : kept) {
    if (stmt->get() != nullptr) {
      continue; // the upgrade prepared them to move an older store's rows
    }
    if (auto prepared = prepare(sql, *stmt); !prepared) {
      return prepared.error();
    }
  }
  return {};
}

// Writes `records` (time order, unique) as blocks of up to k_block_bars.
core::Status BarStore::Impl::insert_blocks(const std::string& symbol, std::string_view timeframe,
                                           std::span<const blocks::Record> records) {
  for (std::size_t at = 0; at < records.size(); at += blocks::k_block_bars) {
    const auto chunk = records.subspan(at, std::min(blocks::k_block_bars, records.size() - at));
    const auto bytes = blocks::pack(chunk);
    const Use use(insert_block);
    sqlite3_stmt* s = use.get();
    bind_key(s, symbol, timeframe);
    sqlite3_bind_int64(s, 3, chunk.front().time);
    sqlite3_bind_int64(s, 4, chunk.back().time);
    sqlite3_bind_int64(s, 5, static_cast<sqlite3_int64>(chunk.size()));
    sqlite3_bind_blob(s, 6, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
    if (sqlite3_step(s) != SQLITE_DONE) {
      return error("store the bars of " + symbol);
    }
  }
  return {};
}

// The block holding or preceding `t`: its start, last and count.
core::Result<std::optional<std::array<std::int64_t, 3>>>
BarStore::Impl::block_before(const std::string& symbol, std::string_view timeframe,
                             std::int64_t t) {
  const Use use(preceding);
  bind_key(use.get(), symbol, timeframe);
  sqlite3_bind_int64(use.get(), 3, t);
  const int rc = sqlite3_step(use.get());
  if (rc == SQLITE_ROW) {
    return std::optional<std::array<std::int64_t, 3>>{std::array<std::int64_t, 3>{
        sqlite3_column_int64(use.get(), 0), sqlite3_column_int64(use.get(), 1),
        sqlite3_column_int64(use.get(), 2)}};
  }
  if (rc != SQLITE_DONE) {
    return error("find the bars of " + symbol);
  }
  return std::optional<std::array<std::int64_t, 3>>{};
}

// Takes the blocks starting in [lo, hi] out of the store and returns their records, checked.
core::Result<std::vector<blocks::Record>> BarStore::Impl::take_blocks(const std::string& symbol,
                                                                      std::string_view timeframe,
                                                                      std::int64_t lo,
                                                                      std::int64_t hi) {
  std::vector<blocks::Record> records;
  const std::string series = symbol + " " + std::string(timeframe);
  {
    const Use use(load_blocks);
    sqlite3_stmt* s = use.get();
    bind_key(s, symbol, timeframe);
    sqlite3_bind_int64(s, 3, lo);
    sqlite3_bind_int64(s, 4, hi);
    int rc = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      const auto block = block_at(s);
      const std::int64_t previous = records.empty() ? INT64_MIN : records.back().time;
      if (auto status = blocks::check_block(block, previous, series, path.string()); !status) {
        return status.error();
      }
      blocks::append_records(block, records);
    }
    if (rc != SQLITE_DONE) {
      return error("read the bars of " + symbol);
    }
  }
  const Use use(delete_blocks);
  bind_key(use.get(), symbol, timeframe);
  sqlite3_bind_int64(use.get(), 3, lo);
  sqlite3_bind_int64(use.get(), 4, hi);
  if (sqlite3_step(use.get()) != SQLITE_DONE) {
    return error("replace the bars of " + symbol);
  }
  return records;
}

// Merges the bars into the blocks they overlap, and into the block before them while it is not
// full, so that bars appended a few at a time still fill whole blocks.
core::Status BarStore::Impl::write_series(const BarSeries& bars) {
  if (bars.empty()) {
    return {};
  }
  const std::string& symbol = bars.symbol().str();
  const std::string_view timeframe = core::to_string(bars.timeframe());
  const std::uint64_t series = blocks::series_hash(symbol, timeframe);
  std::vector<blocks::Record> incoming;
  incoming.reserve(bars.size());
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const core::Bar bar = bars.at(i);
    if (std::isnan(bar.open) || std::isnan(bar.high) || std::isnan(bar.low) ||
        std::isnan(bar.close) || std::isnan(bar.volume)) {
      return core::Error{"bar " + symbol + " " + std::string(timeframe) + " " +
                             core::format_rfc3339(bar.time) +
                             " has a price or volume that is "
                             "not a number; nothing was stored",
                         path.string(), true};
    }
    incoming.push_back(blocks::encode(series, bar));
  }
  // Like one INSERT OR REPLACE per bar: out of order is sorted, the last of equal times wins.
  const auto by_time = [](const blocks::Record& a, const blocks::Record& b) {
    return a.time < b.time;
  };
  if (!std::is_sorted(incoming.begin(), incoming.end(), by_time) ||
      std::adjacent_find(incoming.begin(), incoming.end(), [](const auto& a, const auto& b) {
        return a.time == b.time;
      }) != incoming.end()) {
    std::stable_sort(incoming.begin(), incoming.end(), by_time);
    std::vector<blocks::Record> unique;
    for (const auto& record : incoming) {
      if (!unique.empty() && unique.back().time == record.time) {
        unique.back() = record;
      } else {
        unique.push_back(record);
      }
    }
    incoming = std::move(unique);
  }
  const std::int64_t first = incoming.front().time;
  const std::int64_t last = incoming.back().time;
  auto before = block_before(symbol, timeframe, first);
  if (!before) {
    return before.error();
  }
  std::int64_t lo = first;
  if (*before &&
      ((**before)[1] >= first || (**before)[2] < static_cast<std::int64_t>(blocks::k_block_bars))) {
    lo = (**before)[0];
  }
  auto stored = take_blocks(symbol, timeframe, lo, last);
  if (!stored) {
    return stored.error();
  }
  const auto merged = blocks::merge(std::move(*stored), incoming);
  return insert_blocks(symbol, timeframe, merged);
}

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
  const auto version = impl->schema_version();
  if (!version) {
    return version.error();
  }
  if (*unstamped || *version < k_bar_schema_version) {
    if (auto status = impl->upgrade(); !status) {
      return status.error();
    }
  } else if (*version > k_bar_schema_version) {
    return impl->refusal("it was written by a newer crew (bar store schema version " +
                         std::to_string(*version) + ", this crew reads up to " +
                         std::to_string(k_bar_schema_version) + ")");
  }
  if (auto status = impl->prepare_kept(); !status) {
    return status.error();
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
    if (auto status = m_impl->write_series(bars); !status) {
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
  const std::string_view tf = core::to_string(timeframe);
  BarSeries bars(symbol, timeframe);
  if (limit == 0) {
    return bars;
  }
  {
    const Use count(m_impl->count_blocks);
    bind_key(count.get(), symbol.str(), tf);
    sqlite3_bind_int64(count.get(), 3, from.ns());
    sqlite3_bind_int64(count.get(), 4, to.ns());
    if (sqlite3_step(count.get()) != SQLITE_ROW) {
      return m_impl->error("read " + symbol.str());
    }
    const auto stored = static_cast<std::size_t>(sqlite3_column_int64(count.get(), 0));
    reserve_columns(bars, std::min(stored, limit));
  }
  const Use use(m_impl->read_blocks);
  sqlite3_stmt* s = use.get();
  bind_key(s, symbol.str(), tf);
  sqlite3_bind_int64(s, 3, from.ns());
  sqlite3_bind_int64(s, 4, to.ns());
  const std::uint64_t series = blocks::series_hash(symbol.str(), tf);
  const std::string name = symbol.str() + " " + std::string(tf);
  std::int64_t previous = INT64_MIN;
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const auto block = block_at(s);
    // The block is checked as a whole (size, order, its row's span) only as far as it is read.
    if (block.count <= 0 ||
        block.bytes.size() != static_cast<std::size_t>(block.count) * blocks::k_record_bytes) {
      return blocks::check_block(block, previous, name, m_impl->path.string()).error();
    }
    const unsigned char* record = block.bytes.data();
    const unsigned char* const end = record + block.bytes.size();
    if (blocks::record_time(record) != block.start ||
        blocks::record_time(end - blocks::k_record_bytes) != block.last) {
      return blocks::check_block(block, previous, name, m_impl->path.string()).error();
    }
    for (; record != end; record += blocks::k_record_bytes) {
      const std::int64_t t = blocks::record_time(record);
      if (t <= previous) {
        return blocks::check_block(block, previous, name, m_impl->path.string()).error();
      }
      previous = t;
      if (t < from.ns()) {
        continue;
      }
      if (t >= to.ns()) {
        return bars;
      }
      std::uint32_t checksum = 0;
      const core::Bar bar = blocks::decode(record, checksum);
      if (checksum != blocks::bar_checksum(series, bar)) {
        return core::Error{checksum_error(name, bar.time), m_impl->path.string()};
      }
      bars.push_back(bar);
      if (bars.size() == limit) {
        return bars;
      }
    }
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
  const Use use(m_impl->load_blocks);
  sqlite3_stmt* s = use.get();
  const std::string_view tf = core::to_string(timeframe);
  bind_key(s, symbol.str(), tf);
  sqlite3_bind_int64(s, 3, INT64_MIN);
  sqlite3_bind_int64(s, 4, INT64_MAX);
  const std::string name = symbol.str() + " " + std::string(tf);
  std::vector<core::UtcTime> out;
  int rc = 0;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const auto block = block_at(s);
    const std::int64_t previous = out.empty() ? INT64_MIN : out.back().ns();
    if (auto status = blocks::check_block(block, previous, name, m_impl->path.string()); !status) {
      return status.error();
    }
    for (std::size_t at = 0; at < block.bytes.size(); at += blocks::k_record_bytes) {
      out.push_back(core::UtcTime::from_ns(blocks::record_time(block.bytes.data() + at)));
    }
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
    auto prepared = m_impl->prepare("SELECT symbol, timeframe, MIN(start), MAX(last), SUM(count) "
                                    "FROM bar_blocks GROUP BY symbol, timeframe",
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
  if (from >= to) {
    return std::size_t{0};
  }
  if (auto status = m_impl->check_before_write(); !status) {
    return status.error();
  }
  if (auto status = m_impl->exec("BEGIN IMMEDIATE"); !status) {
    return status.error();
  }
  const std::string_view tf = core::to_string(timeframe);
  auto removed = [&]() -> core::Result<std::size_t> {
    auto before = m_impl->block_before(symbol.str(), tf, from.ns());
    if (!before) {
      return before.error();
    }
    const std::int64_t lo = *before && (**before)[1] >= from.ns() ? (**before)[0] : from.ns();
    // Blocks starting in [lo, to): `to` is exclusive, the statement's upper bound inclusive.
    auto records = m_impl->take_blocks(symbol.str(), tf, lo, to.ns() - 1);
    if (!records) {
      return records.error();
    }
    std::vector<blocks::Record> kept;
    for (const auto& record : *records) {
      if (record.time < from.ns() || record.time >= to.ns()) {
        kept.push_back(record);
      }
    }
    if (auto status = m_impl->insert_blocks(symbol.str(), tf, kept); !status) {
      return status.error();
    }
    return records->size() - kept.size();
  }();
  if (!removed) {
    (void)m_impl->exec("ROLLBACK");
    return removed;
  }
  if (auto status = m_impl->exec("COMMIT"); !status) {
    return status.error();
  }
  return removed;
}

} // namespace crew::data
