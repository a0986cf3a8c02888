// The state store knows its own files (issue 16): another application's SQLite file, a bar store,
// or a file that is not SQLite at all is refused, read-write or read-only, before anything is
// written to it; the state.db of an older version (schema_version and our tables, no
// application_id) is taken and stamped; a damaged file is refused before the loop writes to it.
#include "state/state_store.hpp"
#include "state/store_identity.hpp"
#include "support/shared_paths.hpp"
#include "support/store_refusal.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace crew;
using namespace crew::state;

namespace {

std::string bytes_of(const std::filesystem::path& file) {
  return crew::test::read_file(file);
}

void run_sql(const std::filesystem::path& file, const std::string& sql) {
  auto db = Database::open(file);
  ASSERT_TRUE(db.ok()) << db.error().message();
  ASSERT_TRUE(db->exec(sql).ok());
}

std::int64_t application_id(const std::filesystem::path& file) {
  auto db = Database::open(file, true);
  EXPECT_TRUE(db.ok());
  auto stmt = db->prepare("PRAGMA application_id");
  EXPECT_TRUE(stmt.ok() && *stmt->step());
  return stmt->integer(0);
}

void expect_refused_unchanged(const std::filesystem::path& file, const std::string& what) {
  const std::string before = bytes_of(file);
  for (const bool read_only : {false, true}) {
    SCOPED_TRACE(read_only ? "read-only" : "read-write");
    test::expect_refused_unchanged(StateStore::open(file, StoreOptions{.read_only = read_only}),
                                   file, what, before);
  }
}

} // namespace

TEST(StoreIdentity, ANewStateFileCarriesCrewsApplicationId) {
  test::TempDir dir;
  ASSERT_TRUE(StateStore::open(dir / "state.db").ok());
  EXPECT_EQ(application_id(dir / "state.db"), k_state_application_id);
}

TEST(StoreIdentity, AnotherApplicationsDatabaseIsRefusedUntouched) {
  test::TempDir dir;
  const auto file = dir / "state.db";
  run_sql(file, "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ann');");
  expect_refused_unchanged(file, "not a crew state database");
}

TEST(StoreIdentity, ABarStoreIsNotAStateDatabase) {
  test::TempDir dir;
  const auto file = dir / "state.db";
  run_sql(file, "CREATE TABLE bars (symbol TEXT, timeframe TEXT, time INTEGER, open REAL);"
                "PRAGMA application_id = 1129469762;"); // 'CRWB', the bar store's id
  expect_refused_unchanged(file, "application_id");
}

TEST(StoreIdentity, AFileThatIsNotSqliteIsRefusedUntouched) {
  test::TempDir dir;
  const auto file = dir.write("state.db", std::string(8192, 'x'));
  expect_refused_unchanged(file, "not an SQLite database");
}

TEST(StoreIdentity, AStateFileOfAnOlderVersionIsTakenAndStamped) {
  test::TempDir dir;
  const auto file = dir / "state.db";
  ASSERT_TRUE(StateStore::open(file).ok());
  run_sql(file, "PRAGMA application_id = 0"); // as the versions before issue 16 left it
  ASSERT_EQ(application_id(file), 0);
  // A reader takes it as it is; the first read-write open stamps it.
  ASSERT_TRUE(StateStore::open(file, StoreOptions{.read_only = true}).ok());
  EXPECT_EQ(application_id(file), 0);
  auto store = StateStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ(application_id(file), k_state_application_id);
}

TEST(StoreIdentity, AFileLeftBeforeItsFirstMigrationIsOurs) {
  test::TempDir dir;
  const auto file = dir / "state.db";
  // schema_version is created before migration 1 runs; a crash in between leaves only it.
  run_sql(file, "CREATE TABLE schema_version (version INTEGER NOT NULL)");
  auto store = StateStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_EQ(application_id(file), k_state_application_id);
}

TEST(StoreIdentity, ADamagedStateFileIsRefusedBeforeTheLoopWrites) {
  test::TempDir dir;
  const auto file = dir / "state.db";
  ASSERT_TRUE(StateStore::open(file).ok());
  // Enough events for the table to span pages, so that its root is an interior page.
  run_sql(file, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) "
                "INSERT INTO events (time, kind, message) SELECT i, 'alert', printf('%.200c', 'e') "
                "FROM n; PRAGMA wal_checkpoint(TRUNCATE);");
  // Point the events table's root page at a page that does not exist.
  auto db = Database::open(file, true);
  ASSERT_TRUE(db.ok());
  auto root = db->prepare("SELECT rootpage FROM sqlite_master WHERE name = 'events'");
  ASSERT_TRUE(root.ok() && *root->step());
  const auto page = static_cast<std::size_t>(root->integer(0));
  auto size = db->prepare("PRAGMA page_size");
  ASSERT_TRUE(size.ok() && *size->step());
  const auto page_size = static_cast<std::size_t>(size->integer(0));
  std::string bytes = bytes_of(file);
  const std::size_t at = (page - 1) * page_size;
  ASSERT_EQ(static_cast<unsigned char>(bytes[at]), 0x05U) << "not an interior table page";
  for (std::size_t i = 8; i < 12; ++i) {
    bytes[at + i] = '\x7f';
  }
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  auto store = StateStore::open(file);
  ASSERT_FALSE(store.ok()) << "opened a damaged state file for writing";
  EXPECT_EQ(store.error().where, file.string());
  EXPECT_NE(store.error().what.find("damaged"), std::string::npos) << store.error().what;
}
