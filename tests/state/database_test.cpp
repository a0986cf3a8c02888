#include "state/database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;

namespace {

std::int64_t count(Database& db) {
  auto stmt = db.prepare("SELECT COUNT(*) FROM t");
  EXPECT_TRUE(stmt.ok());
  EXPECT_TRUE(*stmt->step());
  return stmt->integer(0);
}

} // namespace

TEST(Database, BindsAndReadsDecimalsTimesAndNulls) {
  test::TempDir dir;
  auto db = Database::open(dir / "sub" / "x.db");
  ASSERT_TRUE(db.ok()) << db.error().message();
  ASSERT_TRUE(db->exec("CREATE TABLE t (d TEXT, t INTEGER, n TEXT)").ok());
  auto insert = db->prepare("INSERT INTO t VALUES (?,?,?)");
  ASSERT_TRUE(insert.ok());
  const auto price = *core::parse_decimal("0.000010954");
  insert->bind(1, price).bind(2, core::UtcTime::from_ns(42)).bind(3, std::optional<std::string>{});
  ASSERT_TRUE(insert->run().ok());
  auto select = db->prepare("SELECT d, t, n FROM t");
  ASSERT_TRUE(select.ok());
  ASSERT_TRUE(*select->step());
  EXPECT_EQ(select->decimal(0), price);
  EXPECT_EQ(select->time(1), core::UtcTime::from_ns(42));
  EXPECT_FALSE(select->optional_decimal(2).has_value());
  EXPECT_FALSE(select->column_error().has_value());
}

TEST(Database, MalformedDecimalIsReportedNotGuessed) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  ASSERT_TRUE(db->exec("CREATE TABLE t (d TEXT); INSERT INTO t VALUES ('1e5')").ok());
  auto select = db->prepare("SELECT d FROM t");
  ASSERT_TRUE(*select->step());
  EXPECT_TRUE(select->decimal(0).is_zero());
  EXPECT_TRUE(select->column_error().has_value());
}

TEST(Database, InnerTransactionRollbackKeepsOuterWrites) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  ASSERT_TRUE(db->exec("CREATE TABLE t (v INTEGER)").ok());
  {
    Transaction outer(*db);
    ASSERT_TRUE(outer.started().ok());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
    {
      Transaction inner(*db);
      ASSERT_TRUE(inner.started().ok());
      ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)").ok());
    } // rolled back
    ASSERT_TRUE(outer.commit().ok());
  }
  EXPECT_EQ(count(*db), 1);
  EXPECT_FALSE(db->in_transaction());
}

TEST(Database, UncommittedTransactionLeavesNothing) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  ASSERT_TRUE(db->exec("CREATE TABLE t (v INTEGER)").ok());
  {
    Transaction txn(*db);
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_EQ(count(*db), 0);
}

TEST(Database, BadSqlIsAnErrorNamingTheFile) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  auto bad = db->prepare("SELEC nonsense");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().where.find("x.db"), std::string::npos);
}
