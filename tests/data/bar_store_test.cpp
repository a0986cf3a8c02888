#include "data/bar_store.hpp"
#include "data/csv_io.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sstream>

using crew::core::Bar;
using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::BarSeries;
using crew::data::BarStore;

namespace {

crew::core::Symbol symbol(const char* text) {
  return *crew::core::classify_symbol(text);
}

BarSeries hourly(const char* name, int count, int first_hour = 0, double base = 100) {
  BarSeries bars(symbol(name), Timeframe::hour1);
  for (int i = 0; i < count; ++i) {
    const double p = base + i;
    bars.push_back(Bar{UtcTime::from_seconds(3600LL * (first_hour + i)), p, p + 2, p - 1, p + 1,
                       1000.0 + i, i % 2 == 0 ? 0.0 : 5.0, i % 2 == 0 ? 0.0 : p + 0.5});
  }
  return bars;
}

BarStore open_store(const crew::test::TempDir& dir) {
  auto store = BarStore::open(dir / "sub/bars.db");
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(store).value();
}

// Splits one MANIFEST.csv row on commas outside quotes.
std::vector<std::string> manifest_row(const std::string& path) {
  const auto manifest = crew::test::read_file(crew::test::shared_dir() / "data/MANIFEST.csv");
  std::istringstream lines(manifest);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(path + ",", 0) != 0) {
      continue;
    }
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.emplace_back();
      } else {
        fields.back() += c;
      }
    }
    return fields;
  }
  return {};
}

// Imports one shared data file and checks rows, start and end (MANIFEST columns 4–6).
void check_against_manifest(const std::string& relative, const std::filesystem::path& file,
                            const char* name, Timeframe timeframe) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  const auto bars = crew::data::read_bars_csv(file, symbol(name), timeframe);
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  ASSERT_TRUE(store.upsert(*bars).ok());
  const auto row = manifest_row(relative);
  ASSERT_GE(row.size(), 9U) << "no MANIFEST row for " << relative;
  const auto stored = store.describe(symbol(name), timeframe);
  ASSERT_TRUE(stored.ok() && stored->has_value());
  const auto& series = **stored;
  EXPECT_EQ(series.count, std::stoul(row[4]));
  EXPECT_EQ(crew::core::format_rfc3339(series.first), row[5]);
  EXPECT_EQ(crew::core::format_rfc3339(series.last), row[6]);
  EXPECT_EQ(series.missing, std::stoul(row[8]));
}

} // namespace

TEST(BarStore, ReadsBackWhatWasUpserted) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  const auto bars = hourly("BTC/USD", 10);
  ASSERT_TRUE(store.upsert(bars).ok());
  const auto all = store.read_all(symbol("BTC/USD"), Timeframe::hour1);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 10U);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(all->at(i), bars.at(i));
  }
  EXPECT_TRUE(store.read_all(symbol("BTC/USD"), Timeframe::min5)->empty());
}

TEST(BarStore, UpsertReplacesBarsWithTheSameTime) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store.upsert(hourly("ETH/USD", 5)).ok());
  ASSERT_TRUE(store.upsert(hourly("ETH/USD", 5, 3, 500)).ok());
  const auto all = store.read_all(symbol("ETH/USD"), Timeframe::hour1);
  ASSERT_EQ(all->size(), 8U);
  EXPECT_EQ(all->at(2).open, 102.0);
  EXPECT_EQ(all->at(3).open, 500.0);
}

TEST(BarStore, RangeQueryIsHalfOpenAndHonoursLimit) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store.upsert(hourly("AAPL", 24)).ok());
  const auto part = store.read(symbol("AAPL"), Timeframe::hour1, UtcTime::from_seconds(3600 * 2),
                               UtcTime::from_seconds(3600 * 6));
  ASSERT_EQ(part->size(), 4U);
  EXPECT_EQ(part->time().front(), UtcTime::from_seconds(7200));
  const auto limited = store.read(symbol("AAPL"), Timeframe::hour1, UtcTime::from_seconds(0),
                                  UtcTime::from_seconds(86400), 3);
  EXPECT_EQ(limited->size(), 3U);
}

TEST(BarStore, BatchIsVisibleAfterReopening) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  std::vector<BarSeries> batch = {hourly("SOL/USD", 3), hourly("SOL/USD", 3)};
  ASSERT_TRUE(store.upsert_all(batch).ok()); // the second copy replaces the first
  auto reopened = BarStore::open(dir / "sub/bars.db");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->read_all(symbol("SOL/USD"), Timeframe::hour1)->size(), 3U);
}

TEST(BarStore, ListsSeriesWithRangesCountsAndGaps) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  auto with_hole = hourly("BTC/USD", 10);
  BarSeries holey(with_hole.symbol(), with_hole.timeframe());
  for (std::size_t i = 0; i < with_hole.size(); ++i) {
    if (i != 4 && i != 5) {
      holey.push_back(with_hole.at(i));
    }
  }
  ASSERT_TRUE(store.upsert(holey).ok());
  ASSERT_TRUE(store.upsert(hourly("AAPL", 2, 24 * 365 * 54 + 14)).ok());
  const auto listed = store.list();
  ASSERT_TRUE(listed.ok()) << listed.error().message();
  ASSERT_EQ(listed->size(), 2U);
  EXPECT_EQ((*listed)[0].symbol.str(), "AAPL");
  const auto& btc = (*listed)[1];
  EXPECT_EQ(btc.count, 8U);
  EXPECT_EQ(btc.first, UtcTime::from_seconds(0));
  EXPECT_EQ(btc.last, UtcTime::from_seconds(9 * 3600));
  EXPECT_EQ(btc.missing, 2U);
}

TEST(BarStore, EraseRemovesRange) {
  const crew::test::TempDir dir;
  auto store = open_store(dir);
  ASSERT_TRUE(store.upsert(hourly("BTC/USD", 10)).ok());
  const auto erased = store.erase(symbol("BTC/USD"), Timeframe::hour1, UtcTime::from_seconds(0),
                                  UtcTime::from_seconds(3 * 3600));
  ASSERT_TRUE(erased.ok());
  EXPECT_EQ(*erased, 3U);
  EXPECT_EQ(store.times(symbol("BTC/USD"), Timeframe::hour1)->size(), 7U);
}

TEST(BarStore, RealBitcoinHourlyMatchesManifest) {
  CREW_REQUIRE_DATA(file, "crypto/1h/BTC-USDT.csv");
  check_against_manifest("crypto/1h/BTC-USDT.csv", file, "BTC/USDT", Timeframe::hour1);
}

TEST(BarStore, RealApple5MinMatchesManifest) {
  CREW_REQUIRE_DATA(file, "us_equity/5m/AAPL.csv");
  check_against_manifest("us_equity/5m/AAPL.csv", file, "AAPL", Timeframe::min5);
}
