#include "state/schema.hpp"
#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;

TEST(Schema, NewFileMigratesToLatest) {
  test::TempDir dir;
  auto db = Database::open(dir / "s.db");
  EXPECT_EQ(*schema_version(*db), 0);
  ASSERT_TRUE(migrate(*db).ok());
  EXPECT_EQ(*schema_version(*db), latest_schema_version());
  ASSERT_TRUE(migrate(*db).ok()); // idempotent
  EXPECT_EQ(*schema_version(*db), latest_schema_version());
}

TEST(Schema, OldVersionFileIsMigratedKeepingItsRows) {
  test::TempDir dir;
  const auto file = dir / "old.db";
  {
    auto db = Database::open(file);
    ASSERT_TRUE(migrate(*db, 1).ok());
    EXPECT_EQ(*schema_version(*db), 1);
    // A version-1 file has orders but no trades table yet.
    EXPECT_FALSE(db->prepare("SELECT * FROM trades").ok());
    ASSERT_TRUE(db->exec("INSERT INTO orders (client_order_id, symbol, market, strategy, purpose, "
                         "reason, side, type, time_in_force, qty, status, filled_qty, "
                         "decision_time, created_at, submitted_at, updated_at) VALUES ('tc-old', "
                         "'AAPL', 'US_EQUITY', 'rsi', 'entry', '', 'buy', 'market', 'day', '5', "
                         "'filled', '5', 0, 0, 0, 0)")
                    .ok());
  }
  auto store = StateStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto order = store->find_order("tc-old");
  ASSERT_TRUE(order.ok());
  ASSERT_TRUE(order->has_value());
  EXPECT_EQ((*order)->order.status, core::OrderStatus::filled);
  EXPECT_TRUE(*store->insert_trade(sample::trade("tc-old", "tc-exit", "5")));
}

TEST(Schema, NewerFileThanProgramIsRefused) {
  test::TempDir dir;
  const auto file = dir / "future.db";
  {
    auto db = Database::open(file);
    ASSERT_TRUE(migrate(*db).ok());
    ASSERT_TRUE(db->exec("INSERT INTO schema_version VALUES (999)").ok());
  }
  auto store = StateStore::open(file);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().what.find("999"), std::string::npos);
}
