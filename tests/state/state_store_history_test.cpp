#include "state/state_fixtures.hpp"
#include "state/state_store.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::state;
using sample::at;
using sample::dec;

TEST(StateStoreHistory, EquityCurveReturnsPointsInWindowOldestFirst) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->record_equity(at(120), dec("100100")).ok());
  ASSERT_TRUE(store->record_equity(at(0), dec("100000")).ok());
  ASSERT_TRUE(store->record_equity(at(60), dec("99950.5")).ok());
  ASSERT_TRUE(store->record_equity(at(60), dec("99950.25")).ok()); // same tick replaces
  auto curve = store->equity_curve(at(0), at(120));
  ASSERT_TRUE(curve.ok());
  ASSERT_EQ(curve->size(), 2U);
  EXPECT_EQ((*curve)[0], (EquityPoint{at(0), dec("100000")}));
  EXPECT_EQ((*curve)[1], (EquityPoint{at(60), dec("99950.25")}));
}

TEST(StateStoreHistory, EquityCurveThinsOutKeepingFirstAndLast) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db", StoreOptions{.durable = false});
  ASSERT_TRUE(store.ok());
  for (int i = 0; i < 1000; ++i) {
    ASSERT_TRUE(store->record_equity(at(60 * i), core::Decimal::from_int(100'000 + i)).ok());
  }
  auto curve = store->equity_curve(at(0), at(60 * 1000), 50);
  ASSERT_TRUE(curve.ok());
  ASSERT_EQ(curve->size(), 50U);
  EXPECT_EQ(curve->front().time, at(0));
  EXPECT_EQ(curve->back().time, at(60 * 999));
  for (std::size_t i = 1; i < curve->size(); ++i) {
    EXPECT_LT((*curve)[i - 1].time, (*curve)[i].time);
  }
}

TEST(StateStoreHistory, LatestScanReturnsNewestWithRankedResults) {
  test::TempDir dir;
  auto store = StateStore::open(dir / "s.db");
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE(store->latest_scan()->has_value());
  ScanRecord crypto{
      0, at(0), core::AssetClass::crypto, 8, {{"BTC/USD", "macd", 0.8, 64000.5, "x"}}};
  ScanRecord us{0,
                at(300),
                core::AssetClass::us_equity,
                20,
                {{"AAPL", "rsi", 0.9, 189.25, "rsi crossed 60"}, {"MSFT", "3ma", 0.4, 410, "ma"}}};
  auto first = store->record_scan(crypto);
  auto second = store->record_scan(us);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_LT(*first, *second);

  auto latest = store->latest_scan();
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  us.id = *second;
  EXPECT_EQ(**latest, us);

  auto latest_crypto = store->latest_scan(core::AssetClass::crypto);
  ASSERT_TRUE(latest_crypto->has_value());
  EXPECT_EQ((*latest_crypto)->ranked.front().symbol, "BTC/USD");
}

TEST(StateStoreHistory, ReadOnlyStoreReadsWhileWriterWritesAndRefusesWrites) {
  test::TempDir dir;
  auto writer = StateStore::open(dir / "s.db");
  ASSERT_TRUE(writer.ok());
  auto reader = StateStore::open(dir / "s.db", StoreOptions{.read_only = true});
  ASSERT_TRUE(reader.ok()) << reader.error().message();
  ASSERT_TRUE(writer->record_equity(at(0), dec("5")).ok());
  EXPECT_EQ(reader->equity_curve(at(0), at(1))->size(), 1U);
  EXPECT_FALSE(reader->record_equity(at(1), dec("6")).ok());
  EXPECT_EQ(writer->equity_curve(at(0), at(2))->size(), 1U);
}

TEST(StateStoreHistory, ReadOnlyOpenOfMissingFileFailsWithoutCreatingIt) {
  test::TempDir dir;
  auto reader = StateStore::open(dir / "none" / "s.db", StoreOptions{.read_only = true});
  EXPECT_FALSE(reader.ok());
  EXPECT_FALSE(std::filesystem::exists(dir / "none"));
}
