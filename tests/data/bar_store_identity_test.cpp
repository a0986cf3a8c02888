// The bar store knows its own files (issue 16): another SQLite file, or no SQLite file at all, is
// refused before anything is written to it; a store of an older version (no application_id) is
// taken and stamped; a damaged store is refused before a write, and a bar whose bytes changed on
// disk is refused when it is read instead of being exported as it now reads.
#include "data/bar_store.hpp"
#include "support/raw_sqlite.hpp"
#include "support/shared_paths.hpp"
#include "support/store_refusal.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <bit>
#include <fstream>

using crew::core::Bar;
using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::BarSeries;
using crew::data::BarStore;

namespace {

crew::core::Symbol btc() {
  return *crew::core::classify_symbol("BTC/USDT");
}

BarSeries hourly(int count, double base) {
  BarSeries bars(btc(), Timeframe::hour1);
  for (int i = 0; i < count; ++i) {
    // Highs end in .0625, .3125, .5625 or .8125 and no other column does: each high is unique.
    const double p = base + i * 0.25;
    bars.push_back(Bar{UtcTime::from_seconds(1'704'067'200 + 3600LL * i), p, p + 2.0625,
                       p - 1.03125, p + 1, 1000.0 + i, 7, p + 0.5});
  }
  return bars;
}

std::int64_t pragma(const std::filesystem::path& file, const char* name) {
  return crew::test::sql_integer(file, (std::string("PRAGMA ") + name).c_str());
}

std::string bytes_of(const std::filesystem::path& file) {
  return crew::test::read_file(file);
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A store at `file` holding `bars`, closed and checkpointed: every page is in the file itself.
void write_store(const std::filesystem::path& file, const BarSeries& bars) {
  {
    auto store = BarStore::open(file);
    ASSERT_TRUE(store.ok()) << store.error().message();
    ASSERT_TRUE(store->upsert(bars).ok());
  }
  crew::test::run_sql(file, "PRAGMA wal_checkpoint(TRUNCATE)");
}

// The bar store of the version before issue 16: the same table, no application_id.
constexpr const char* k_legacy_schema =
    "CREATE TABLE bars (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, time INTEGER NOT NULL, "
    "open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, "
    "volume REAL NOT NULL, trade_count REAL, vwap REAL, PRIMARY KEY (symbol, timeframe, time)) "
    "WITHOUT ROWID;"
    "INSERT INTO bars VALUES ('BTC/USDT', '1Hour', 1704067200000000000, 10, 11, 9, 10.5, 5, NULL, "
    "NULL);";

void expect_refused_unchanged(const std::filesystem::path& file, const std::string& what) {
  const std::string before = bytes_of(file);
  crew::test::expect_refused_unchanged(BarStore::open(file), file, what, before);
}

} // namespace

TEST(BarStoreIdentity, ANewStoreCarriesCrewsApplicationId) {
  const crew::test::TempDir dir;
  {
    auto store = BarStore::open(dir / "bars.db");
    ASSERT_TRUE(store.ok()) << store.error().message();
  }
  EXPECT_EQ(pragma(dir / "bars.db", "application_id"), crew::data::k_bar_store_application_id);
}

TEST(BarStoreIdentity, AnotherApplicationsDatabaseIsRefusedUntouched) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  crew::test::run_sql(file, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ann');");
  expect_refused_unchanged(file, "not a crew bar store");
}

TEST(BarStoreIdentity, ADatabaseWithAnotherApplicationIdIsRefused) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  crew::test::run_sql(file, k_legacy_schema);
  crew::test::run_sql(file, "PRAGMA application_id = 1234");
  expect_refused_unchanged(file, "application_id");
}

TEST(BarStoreIdentity, AFileThatIsNotSqliteIsRefusedUntouched) {
  const crew::test::TempDir dir;
  const auto file = dir.write("bars.db", std::string(8192, 'x'));
  expect_refused_unchanged(file, "not an SQLite database");
}

TEST(BarStoreIdentity, AStoreOfAnOlderVersionIsTakenAndStamped) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  crew::test::run_sql(file, k_legacy_schema);
  {
    auto store = BarStore::open(file);
    ASSERT_TRUE(store.ok()) << store.error().message();
    const auto bars = store->read_all(btc(), Timeframe::hour1);
    ASSERT_TRUE(bars.ok()) << bars.error().message();
    ASSERT_EQ(bars->size(), 1U);
    EXPECT_EQ(bars->at(0).close, 10.5);
    ASSERT_TRUE(store->upsert(hourly(3, 100)).ok());
  }
  EXPECT_EQ(pragma(file, "application_id"), crew::data::k_bar_store_application_id);
  auto again = BarStore::open(file);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again->read_all(btc(), Timeframe::hour1)->size(), 3U);
}

TEST(BarStoreIdentity, AFlippedPriceIsRefusedWhenRead) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  write_store(file, hourly(50, 100));
  // SQLite stores a REAL as 8 big-endian bytes; flip one bit of a price that only one bar has.
  const double price = 100 + 17 * 0.25 + 2.0625; // the high of bar 17
  std::uint64_t bits = std::bit_cast<std::uint64_t>(price);
  std::string pattern(8, '\0');
  for (int i = 7; i >= 0; --i) {
    pattern[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xff);
    bits >>= 8;
  }
  std::string bytes = bytes_of(file);
  const auto at = bytes.find(pattern);
  ASSERT_NE(at, std::string::npos);
  ASSERT_EQ(bytes.find(pattern, at + 1), std::string::npos);
  bytes[at + 6] = static_cast<char>(bytes[at + 6] ^ 0x10); // 106.3125 becomes another price
  write_bytes(file, bytes);

  auto store = BarStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  const auto read = store->read_all(btc(), Timeframe::hour1);
  ASSERT_FALSE(read.ok()) << "read a damaged bar: high " << read->at(17).high;
  EXPECT_EQ(read.error().where, file.string());
  EXPECT_NE(read.error().what.find("BTC/USDT 1Hour 2024-01-01T17:00:00Z"), std::string::npos)
      << read.error().what;
  // The bars before it are fine, and a range without it reads.
  EXPECT_TRUE(store
                  ->read(btc(), Timeframe::hour1, UtcTime::from_seconds(1'704'067'200),
                         UtcTime::from_seconds(1'704'067'200 + 3600 * 17))
                  .ok());
}

TEST(BarStoreIdentity, ADamagedStoreIsRefusedBeforeAWrite) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  write_store(file, hourly(2000, 100));
  const auto page_size = static_cast<std::size_t>(pragma(file, "page_size"));
  const auto pages = static_cast<std::size_t>(pragma(file, "page_count"));
  ASSERT_GT(pages, 10U);
  // Page 2 is the table's root (an interior page once the table spans pages): point its
  // right-most child at a page that does not exist.
  std::string bytes = bytes_of(file);
  const std::size_t root = page_size; // page 2 starts after page 1
  ASSERT_EQ(static_cast<unsigned char>(bytes[root]), 0x02U) << "not an interior index page";
  for (std::size_t i = 8; i < 12; ++i) {
    bytes[root + i] = '\x7f';
  }
  write_bytes(file, bytes);

  auto store = BarStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  const auto written = store->upsert(hourly(1, 500));
  ASSERT_FALSE(written.ok()) << "wrote into a damaged store";
  EXPECT_EQ(written.error().where, file.string());
  EXPECT_NE(written.error().what.find("damaged"), std::string::npos) << written.error().what;
}
