// market_performance() over the whole history comes from running totals (schema 6) that the
// trade's insert updates; it must equal the sum over every stored trade, which is what it returned
// before: after random inserts, duplicates and rolled-back inserts, and after migrating an old
// home that already holds trades.
#include "state/database.hpp"
#include "state/schema.hpp"
#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

using namespace crew;
using namespace crew::state;
using sample::at;

namespace {

// The full recomputation: every trade `query` selects, summed per market in Decimal.
std::vector<MarketPerformance> recompute(StateStore& store, const RecordQuery& query = {}) {
  auto trades = store.trades(query);
  EXPECT_TRUE(trades.ok());
  std::map<core::AssetClass, MarketPerformance> by_market;
  for (const auto& t : *trades) {
    auto& p = by_market[t.market];
    p.market = t.market;
    ++p.trades;
    p.wins += t.pnl > core::Decimal{} ? 1 : 0;
    p.total_pnl += t.pnl;
  }
  std::vector<MarketPerformance> out;
  for (const auto& [market, p] : by_market) {
    out.push_back(p);
  }
  return out;
}

// A pnl in [-500, 500] with up to 9 decimals, zero now and then (not a win).
core::Decimal random_pnl(std::mt19937_64& rng) {
  if (rng() % 10 == 0) {
    return {};
  }
  const auto units = static_cast<std::int64_t>(rng() % 1'000'000'000'000ULL) - 500'000'000'000;
  return core::Decimal::from_units(units);
}

TradeRecord random_trade(std::mt19937_64& rng, int i) {
  static const char* symbols[] = {"AAPL", "BTC/USD", "NVDA", "ETH/USD", "SOL/USD"};
  auto t = sample::trade("e" + std::to_string(i), "x" + std::to_string(i), "0",
                         symbols[rng() % std::size(symbols)]);
  t.pnl = random_pnl(rng);
  t.exit_time = at(static_cast<std::int64_t>(rng() % (86'400 * 30)));
  return t;
}

} // namespace

TEST(MarketTotals, EqualTheSumOverEveryTradeAfterRandomInserts) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "state.db");
  ASSERT_TRUE(store.ok()) << store.error().message();
  EXPECT_TRUE(store->market_performance()->empty());
  std::mt19937_64 rng(20261126);
  std::vector<TradeRecord> inserted;
  for (int i = 0; i < 600; ++i) {
    const auto t = random_trade(rng, i);
    ASSERT_TRUE(*store->insert_trade(t));
    inserted.push_back(t);
    if (i % 7 == 0) { // a replay of a trade already stored counts once
      EXPECT_FALSE(*store->insert_trade(inserted[rng() % inserted.size()]));
    }
    if (i % 11 == 0) { // a trade whose transaction rolls back counts not at all
      auto rolled_back = store->atomically([&]() -> core::Status {
        auto extra = random_trade(rng, 10'000 + i);
        if (auto written = store->insert_trade(extra); !written) {
          return written.error();
        }
        return core::Error{"rolled back on purpose", "test"};
      });
      EXPECT_FALSE(rolled_back.ok());
    }
    if (i % 50 == 0) {
      EXPECT_EQ(*store->market_performance(), recompute(*store)) << "after " << i + 1;
    }
  }
  const auto totals = *store->market_performance();
  ASSERT_EQ(totals.size(), 2U);
  EXPECT_EQ(totals, recompute(*store));
  for (auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    RecordQuery one_market;
    one_market.market = market;
    EXPECT_EQ(*store->market_performance(one_market), recompute(*store, one_market));
  }
  // The windowed form stays a sum over the window's trades.
  for (int day = 0; day < 30; day += 7) {
    RecordQuery window;
    window.from = at(86'400 * day);
    window.to = at(86'400 * (day + 3));
    EXPECT_EQ(*store->market_performance(window), recompute(*store, window)) << "day " << day;
    window.market = core::AssetClass::crypto;
    EXPECT_EQ(*store->market_performance(window), recompute(*store, window)) << "day " << day;
  }
  RecordQuery one_symbol;
  one_symbol.symbol = "NVDA";
  EXPECT_EQ(*store->market_performance(one_symbol), recompute(*store, one_symbol));

  // Still so after reopening, and from a reader's connection.
  auto reader = StateStore::open(dir / "state.db", StoreOptions{true, true});
  ASSERT_TRUE(reader.ok()) << reader.error().message();
  EXPECT_EQ(*reader->market_performance(), totals);
}

TEST(MarketTotals, AnOldHomeIsMigratedWithTotalsOfTheTradesItHolds) {
  test::TempDir dir;
  const auto file = dir / "old.db";
  std::mt19937_64 rng(7);
  {
    auto db = Database::open(file);
    ASSERT_TRUE(migrate(*db, 5).ok());
    for (int i = 0; i < 200; ++i) {
      const auto t = random_trade(rng, i);
      auto insert = db->prepare(
          "INSERT INTO trades (market, symbol, strategy, entry_client_order_id, "
          "exit_client_order_id, entry_time, exit_time, entry_price, exit_price, qty, pnl, fees, "
          "exit_reason) VALUES (?,?,'rsi',?,?,0,?,'1','1','1',?,'0','signal')");
      ASSERT_TRUE(insert.ok());
      insert->bind(1, core::to_string(t.market))
          .bind(2, t.symbol.str())
          .bind(3, t.entry_client_order_id)
          .bind(4, t.exit_client_order_id)
          .bind(5, t.exit_time)
          .bind(6, t.pnl);
      ASSERT_TRUE(insert->run().ok());
    }
  }
  auto store = StateStore::open(file);
  ASSERT_TRUE(store.ok()) << store.error().message();
  const auto migrated = *store->market_performance();
  ASSERT_EQ(migrated.size(), 2U);
  EXPECT_EQ(migrated, recompute(*store));
  // And it goes on from there.
  ASSERT_TRUE(*store->insert_trade(random_trade(rng, 1000)));
  EXPECT_EQ(*store->market_performance(), recompute(*store));
}

TEST(MarketTotals, AnOldHomeWithAMalformedPnlIsRefusedNamingTheTrade) {
  test::TempDir dir;
  const auto file = dir / "old.db";
  {
    auto db = Database::open(file);
    ASSERT_TRUE(migrate(*db, 5).ok());
    ASSERT_TRUE(db->exec("INSERT INTO trades (id, market, symbol, strategy, "
                         "entry_client_order_id, exit_client_order_id, entry_time, exit_time, "
                         "entry_price, exit_price, qty, pnl, fees, exit_reason) VALUES (42, "
                         "'US_EQUITY', 'AAPL', 'rsi', 'e', 'x', 0, 0, '1', '1', '1', '1e5', '0', "
                         "'signal')")
                    .ok());
  }
  auto store = StateStore::open(file);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.error().what.find("trade 42"), std::string::npos) << store.error().what;
  EXPECT_NE(store.error().what.find("1e5"), std::string::npos) << store.error().what;
  auto db = Database::open(file);
  EXPECT_EQ(*schema_version(*db), 5); // nothing of the failed migration stays
}
