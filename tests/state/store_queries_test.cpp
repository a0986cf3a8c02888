// The loop's per-tick reads must cost the same in a home that has traded for a year as in a new
// one: the windowed reads range over a time index, the open and unbooked orders come from partial
// indexes (checked with EXPLAIN QUERY PLAN on the SQL the store runs), and the statements are
// prepared once per connection.
#include "state/database.hpp"
#include "state/schema.hpp"
#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "state/store_queries.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace crew;
using namespace crew::state;
using sample::at;
using sample::dec;

namespace {

// SQLite's plan for `sql` on a file at the latest schema, one line per step.
std::string plan(const crew::test::TempDir& dir, const std::string& sql) {
  auto db = Database::open(dir / "plan.db");
  EXPECT_TRUE(db.ok());
  EXPECT_TRUE(migrate(*db).ok());
  auto stmt = db->prepare("EXPLAIN QUERY PLAN " + sql);
  EXPECT_TRUE(stmt.ok()) << stmt.error().message();
  std::string out;
  while (stmt.ok() && *stmt->step()) {
    out += stmt->text(3) + "\n";
  }
  return out;
}

RecordQuery since(core::UtcTime from) {
  RecordQuery query;
  query.from = from;
  return query;
}

} // namespace

TEST(StoreQueries, WindowedTradesRangeOverTheExitTimeIndex) {
  test::TempDir dir;
  const auto from_only = plan(dir, trades_sql(since(at(0))));
  EXPECT_NE(from_only.find("SEARCH trades USING INDEX trades_by_exit (exit_time>?)"),
            std::string::npos)
      << from_only;
  RecordQuery window = since(at(0));
  window.to = at(3600);
  const auto both = plan(dir, trades_sql(window));
  EXPECT_NE(both.find("SEARCH trades USING INDEX trades_by_exit (exit_time>? AND exit_time<?)"),
            std::string::npos)
      << both;
  window.market = core::AssetClass::crypto;
  const auto by_market = plan(dir, trades_sql(window));
  EXPECT_NE(by_market.find("SEARCH trades USING INDEX trades_by_market"), std::string::npos)
      << by_market;
  const auto outcomes = plan(dir, trade_outcomes_sql());
  EXPECT_NE(outcomes.find("SEARCH trades USING INDEX trades_by_exit (exit_time>?)"),
            std::string::npos)
      << outcomes;
  for (const auto& p : {from_only, both, by_market, outcomes}) {
    EXPECT_EQ(p.find("SCAN trades"), std::string::npos) << p;
    EXPECT_EQ(p.find("TEMP B-TREE"), std::string::npos) << p; // the index gives the order
  }
}

TEST(StoreQueries, WindowedOrdersRangeOverTheCreationTimeIndex) {
  test::TempDir dir;
  const auto today = plan(dir, orders_sql(since(at(0))));
  EXPECT_NE(today.find("SEARCH orders USING INDEX orders_by_time (created_at>?)"),
            std::string::npos)
      << today;
  EXPECT_EQ(today.find("SCAN orders"), std::string::npos) << today;
  EXPECT_EQ(today.find("TEMP B-TREE"), std::string::npos) << today;
}

TEST(StoreQueries, OpenAndUnbookedOrdersComeFromPartialIndexes) {
  test::TempDir dir;
  const auto open = plan(dir, open_orders_sql());
  EXPECT_NE(open.find("USING INDEX orders_open\n"), std::string::npos) << open;
  EXPECT_EQ(open.find("TEMP B-TREE"), std::string::npos) << open;
  const auto unbooked = plan(dir, unbooked_orders_sql());
  EXPECT_NE(unbooked.find("USING INDEX orders_unbooked\n"), std::string::npos) << unbooked;
  EXPECT_EQ(unbooked.find("TEMP B-TREE"), std::string::npos) << unbooked;
}

// Every combination of filters gives what filtering all rows by hand gives (the clause is built
// from the filters that are set, and binds only those).
TEST(StoreQueries, EveryFilterCombinationSelectsTheSameRowsAsFilteringByHand) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok()) << store.error().message();
  const char* symbols[] = {"AAPL", "BTC/USD", "MSFT", "ETH/USD"};
  for (int i = 0; i < 40; ++i) {
    const char* symbol = symbols[i % 4];
    auto entry = sample::intent("e" + std::to_string(i), symbol);
    entry.order.created_at = at(i * 600);
    ASSERT_TRUE(*store->insert_order(entry));
    auto t = sample::trade("e" + std::to_string(i), "x" + std::to_string(i), "1", symbol);
    t.exit_time = at(i * 600 + 300);
    ASSERT_TRUE(*store->insert_trade(t));
  }
  auto all_trades = store->trades();
  auto all_orders = store->orders();
  ASSERT_TRUE(all_trades.ok() && all_orders.ok());
  ASSERT_EQ(all_trades->size(), 40U);
  for (int mask = 0; mask < 16; ++mask) {
    RecordQuery q;
    if ((mask & 1) != 0) {
      q.market = core::AssetClass::crypto;
    }
    if ((mask & 2) != 0) {
      q.from = at(6000);
    }
    if ((mask & 4) != 0) {
      q.to = at(18000);
    }
    if ((mask & 8) != 0) {
      q.symbol = "BTC/USD";
    }
    const auto keeps = [&](core::AssetClass market, const std::string& symbol, core::UtcTime t) {
      return (!q.market || market == *q.market) && (!q.from || t >= *q.from) &&
             (!q.to || t < *q.to) && (!q.symbol || symbol == *q.symbol);
    };
    std::vector<TradeRecord> want_trades;
    for (const auto& t : *all_trades) {
      if (keeps(t.market, t.symbol.str(), t.exit_time)) {
        want_trades.push_back(t);
      }
    }
    std::vector<OrderRecord> want_orders;
    for (const auto& r : *all_orders) {
      if (keeps(r.market(), r.order.symbol.str(), r.order.created_at)) {
        want_orders.push_back(r);
      }
    }
    EXPECT_EQ(*store->trades(q), want_trades) << "filter mask " << mask;
    if (mask == 2) { // the risk inputs' narrow read of the same window
      std::vector<TradeOutcome> outcomes;
      for (const auto& t : want_trades) {
        outcomes.push_back(TradeOutcome{t.symbol, t.entry_time, t.exit_time, t.pnl});
      }
      EXPECT_EQ(*store->trade_outcomes(*q.from), outcomes);
    }
    EXPECT_EQ(*store->orders(q), want_orders) << "filter mask " << mask;
  }
}

TEST(StoreQueries, AStatementIsPreparedOncePerConnection) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  ASSERT_TRUE(db->exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2)").ok());
  const std::size_t before = db->cached_statements();
  for (int i = 0; i < 5; ++i) {
    auto stmt = db->prepare("SELECT v FROM t WHERE v >= ? ORDER BY v");
    ASSERT_TRUE(stmt.ok());
    stmt->bind(1, 1);
    ASSERT_TRUE(*stmt->step()); // left after one row: the next use starts again
    EXPECT_EQ(stmt->integer(0), 1);
  }
  EXPECT_EQ(db->cached_statements(), before + 1);
}

TEST(StoreQueries, ANestedUseOfTheSameSqlGetsItsOwnStatement) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  ASSERT_TRUE(db->exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2)").ok());
  const std::string sql = "SELECT v FROM t ORDER BY v";
  auto outer = db->prepare(sql);
  ASSERT_TRUE(outer.ok());
  ASSERT_TRUE(*outer->step());
  {
    auto inner = db->prepare(sql);
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(*inner->step());
    ASSERT_TRUE(*inner->step());
    EXPECT_EQ(inner->integer(0), 2);
  }
  EXPECT_EQ(outer->integer(0), 1); // undisturbed by the inner one
  ASSERT_TRUE(*outer->step());
  EXPECT_EQ(outer->integer(0), 2);
}

TEST(StoreQueries, AKeptStatementStartsWithNoBindings) {
  test::TempDir dir;
  auto db = Database::open(dir / "x.db");
  const std::string sql = "SELECT ?1 IS NULL";
  {
    auto stmt = db->prepare(sql);
    stmt->bind(1, 7);
    ASSERT_TRUE(*stmt->step());
    EXPECT_EQ(stmt->integer(0), 0);
  }
  auto again = db->prepare(sql);
  ASSERT_TRUE(*again->step());
  EXPECT_EQ(again->integer(0), 1);
}

// A kept statement must not hold its read open after use: a reader beside the loop (the
// dashboard) would go on seeing the old snapshot and the writer could not checkpoint the WAL.
TEST(StoreQueries, AReaderWithKeptStatementsSeesNewWritesAndLetsTheWalCheckpoint) {
  test::TempDir dir;
  auto writer = StateStore::open(dir / "state.db");
  ASSERT_TRUE(writer.ok()) << writer.error().message();
  auto reader = StateStore::open(dir / "state.db", StoreOptions{true, true});
  ASSERT_TRUE(reader.ok()) << reader.error().message();
  ASSERT_TRUE(writer->insert_order(sample::intent("tc-1")).ok());
  EXPECT_EQ(reader->open_orders()->size(), 1U);
  EXPECT_EQ(reader->market_performance()->size(), 0U);
  ASSERT_TRUE(writer->insert_order(sample::intent("tc-2")).ok());
  ASSERT_TRUE(*writer->insert_trade(sample::trade("tc-1", "tc-2", "3")));
  EXPECT_EQ(reader->open_orders()->size(), 2U);
  EXPECT_EQ(reader->market_performance()->size(), 1U);

  auto db = Database::open(dir / "state.db");
  auto checkpoint = db->prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.ok());
  ASSERT_TRUE(*checkpoint->step());
  EXPECT_EQ(checkpoint->integer(0), 0) << "checkpoint blocked by a reader";
}
