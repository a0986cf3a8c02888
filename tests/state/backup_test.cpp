#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;

TEST(Backup, NamesFileByUtcTimeAndCopiesTheRows) {
  crew::test::TempDir dir;
  auto store = StateStore::open(dir / "state.db");
  ASSERT_TRUE(*store->insert_order(sample::intent("tc-1")));
  ASSERT_TRUE(*store->insert_trade(sample::trade("tc-1", "tc-2", "3")));
  auto file = backup_state(*store, dir / "backups", at(0));
  ASSERT_TRUE(file.ok()) << file.error().message();
  EXPECT_EQ(file->filename(), "state-20240103T143000Z.db");
  auto copy = StateStore::open(*file);
  ASSERT_TRUE(copy.ok());
  EXPECT_TRUE(copy->find_order("tc-1")->has_value());
  EXPECT_EQ(copy->trades()->size(), 1U);
}

TEST(Backup, KeepsOnlyTheNewestN) {
  crew::test::TempDir dir;
  auto store = StateStore::open(dir / "state.db");
  const auto backups = dir / "backups";
  std::filesystem::create_directories(backups);
  const auto unrelated = dir.write("backups/notes.txt", "keep me");
  for (int i = 0; i < 13; ++i) {
    ASSERT_TRUE(backup_state(*store, backups, at(i * 3600), 10).ok());
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(backups)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 11U);
  EXPECT_EQ(names.front(), "notes.txt");
  EXPECT_EQ(names[1], "state-20240103T173000Z.db"); // the three oldest are gone
  EXPECT_EQ(names.back(), "state-20240104T023000Z.db");
}

TEST(Backup, DeletesWhatAnInterruptedBackupLeftAndNothingElse) {
  crew::test::TempDir dir;
  auto store = StateStore::open(dir / "state.db");
  const auto backups = dir / "backups";
  std::filesystem::create_directories(backups);
  const auto partial = dir.write("backups/state-20240101T000000Z.db.partial", "half a copy");
  const auto mine = dir.write("backups/my-notes.partial", "not a backup");
  ASSERT_TRUE(backup_state(*store, backups, at(0), 10).ok());
  EXPECT_FALSE(std::filesystem::exists(partial));
  EXPECT_TRUE(std::filesystem::exists(mine));
  EXPECT_TRUE(std::filesystem::exists(backups / "state-20240103T143000Z.db"));
  EXPECT_FALSE(std::filesystem::exists(backups / "state-20240103T143000Z.db.partial"));
}
