#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;
using sample::dec;

namespace {

StateStore open_store(const crew::test::TempDir& dir) {
  auto store = StateStore::open(dir / "state.db");
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(*store);
}

} // namespace

TEST(StateStoreTrades, TradeRoundTripsAndIsStoredOnce) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  TradeRecord t = sample::trade("tc-in", "tc-out", "14.75");
  EXPECT_TRUE(*store.insert_trade(t));
  EXPECT_FALSE(*store.insert_trade(t));
  auto all = store.trades();
  ASSERT_EQ(all->size(), 1U);
  t.id = all->front().id;
  EXPECT_EQ(all->front(), t);
}

TEST(StateStoreTrades, TradesFilterByMarket) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_trade(sample::trade("a", "b", "1")));
  ASSERT_TRUE(*store.insert_trade(sample::trade("c", "d", "-2", "BTC/USD")));
  RecordQuery crypto;
  crypto.market = core::AssetClass::crypto;
  ASSERT_EQ(store.trades(crypto)->size(), 1U);
  EXPECT_EQ(store.trades(crypto)->front().symbol.str(), "BTC/USD");
}

TEST(StateStoreTrades, MarketPerformanceIsDerivedFromTrades) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(*store.insert_trade(sample::trade("a", "b", "10.5")));
  ASSERT_TRUE(*store.insert_trade(sample::trade("c", "d", "-3")));
  ASSERT_TRUE(*store.insert_trade(sample::trade("e", "f", "0.000000001", "ETH/USD")));
  auto performance = store.market_performance();
  ASSERT_EQ(performance->size(), 2U);
  const MarketPerformance& us = performance->at(0);
  EXPECT_EQ(us.market, core::AssetClass::us_equity);
  EXPECT_EQ(us.trades, 2);
  EXPECT_EQ(us.wins, 1);
  EXPECT_EQ(us.total_pnl, dec("7.5"));
  EXPECT_EQ(performance->at(1).market, core::AssetClass::crypto);
  EXPECT_EQ(performance->at(1).total_pnl, dec("0.000000001"));
}

TEST(StateStoreTrades, PositionRoundTripsAndIsRemoved) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  const PositionRecord p = sample::position("SOL/USD", "2.61937");
  ASSERT_TRUE(store.upsert_position(p).ok());
  auto found = store.find_position(p.position.symbol);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, p);
  EXPECT_EQ((*found)->market(), core::AssetClass::crypto);
  ASSERT_TRUE(store.remove_position(p.position.symbol).ok());
  EXPECT_TRUE(store.positions()->empty());
}

TEST(StateStoreTrades, SyncMirrorsBrokerKeepingStrategyAndStop) {
  crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store.upsert_position(sample::position("AAPL")).ok());
  ASSERT_TRUE(store.upsert_position(sample::position("MSFT")).ok());
  core::Position aapl = sample::position("AAPL", "7").position;
  core::Position btc = sample::position("BTC/USD", "0.5").position;
  ASSERT_TRUE(store.sync_positions({aapl, btc}, at(100)).ok());
  auto all = store.positions();
  ASSERT_EQ(all->size(), 2U);
  auto kept = store.find_position(aapl.symbol);
  EXPECT_EQ((*kept)->position.qty, dec("7"));
  EXPECT_EQ((*kept)->strategy, "macd");
  EXPECT_EQ((*kept)->stop_price, dec("97.25"));
  EXPECT_EQ((*kept)->updated_at, at(100));
  auto unknown = store.find_position(btc.symbol);
  EXPECT_EQ((*unknown)->strategy, "unknown");
  EXPECT_FALSE(store.find_position(*core::classify_symbol("MSFT"))->has_value());
}
