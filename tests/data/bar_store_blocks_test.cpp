// The packed layout of the bar store (issue 12, schema version 2): bars kept in blocks of
// consecutive bars. Ranges that start and end inside a block, replacements of stored bars that
// straddle blocks, a store written by the one-row-per-bar version, and damaged blocks.
#include "data/bar_store.hpp"
#include "support/raw_sqlite.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <random>

using crew::core::Bar;
using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::BarSeries;
using crew::data::BarStore;

namespace {

crew::core::Symbol symbol(const char* text) {
  return *crew::core::classify_symbol(text);
}

// Bar `i` of a series: every field differs from bar to bar and between versions (`base`).
Bar bar_at(std::int64_t t0, int step, int i, double base) {
  const double p = base + i * 0.25;
  return Bar{UtcTime::from_seconds(t0 + std::int64_t{step} * i),
             p,
             p + 2.0625,
             p - 1.03125,
             p + 1,
             1000.0 + i,
             i % 3 == 0 ? 0.0 : 7.0,
             i % 3 == 0 ? 0.0 : p + 0.5};
}

constexpr std::int64_t k_t0 = 1'704'067'200; // 2024-01-01T00:00:00Z

BarSeries hourly(const std::vector<int>& indices, double base = 100) {
  BarSeries bars(symbol("BTC/USDT"), Timeframe::hour1);
  for (const int i : indices) {
    bars.push_back(bar_at(k_t0, 3600, i, base));
  }
  return bars;
}

std::vector<int> iota(int from, int to) {
  std::vector<int> out;
  for (int i = from; i < to; ++i) {
    out.push_back(i);
  }
  return out;
}

UtcTime hour(int i) {
  return UtcTime::from_seconds(k_t0 + 3600LL * i);
}

std::vector<Bar> bars_of(const BarSeries& series) {
  std::vector<Bar> out;
  for (std::size_t i = 0; i < series.size(); ++i) {
    out.push_back(series.at(i));
  }
  return out;
}

BarStore open_store(const std::filesystem::path& file) {
  auto store = BarStore::open(file);
  EXPECT_TRUE(store.ok()) << store.error().message();
  return std::move(store).value();
}

} // namespace

TEST(BarStoreBlocks, EveryRangeReadsExactlyItsBarsWhereverItStartsAndEnds) {
  const crew::test::TempDir dir;
  auto store = open_store(dir / "bars.db");
  ASSERT_TRUE(store.upsert(hourly(iota(0, 60))).ok());
  const auto all = bars_of(hourly(iota(0, 60)));
  // Every [from, to) over the series and a little beyond it, with and without a limit: most
  // start and end inside a block.
  for (int from = -2; from <= 62; ++from) {
    for (int to = from; to <= 62; ++to) {
      for (const std::size_t limit : {std::size_t{1}, std::size_t{5}, std::size_t{1000}}) {
        const auto read =
            store.read(symbol("BTC/USDT"), Timeframe::hour1, hour(from), hour(to), limit);
        ASSERT_TRUE(read.ok()) << read.error().message();
        std::vector<Bar> expected;
        for (int i = std::max(from, 0); i < std::min(to, 60) && expected.size() < limit; ++i) {
          expected.push_back(all[static_cast<std::size_t>(i)]);
        }
        ASSERT_EQ(bars_of(*read), expected) << "[" << from << ", " << to << ") limit " << limit;
      }
    }
  }
  // A range between two bars, inside a block, holds nothing.
  const auto between = store.read(symbol("BTC/USDT"), Timeframe::hour1,
                                  hour(20) + std::chrono::minutes{1}, hour(21));
  ASSERT_TRUE(between.ok());
  EXPECT_TRUE(between->empty());
}

// Upserts that overlap stored blocks, land in gaps, arrive out of order or repeat a time, and
// erasures that cut blocks, against a plain map of what must be stored.
TEST(BarStoreBlocks, OverlappingUpsertsAndErasuresKeepExactlyTheLatestBars) {
  const crew::test::TempDir dir;
  auto store = open_store(dir / "bars.db");
  std::map<std::int64_t, Bar> model;
  std::mt19937 random(12);
  for (int round = 0; round < 150; ++round) {
    const int action = static_cast<int>(random() % 5);
    const int a = static_cast<int>(random() % 200);
    const int b = a + 1 + static_cast<int>(random() % 40);
    if (action == 4) {
      const auto erased = store.erase(symbol("BTC/USDT"), Timeframe::hour1, hour(a), hour(b));
      ASSERT_TRUE(erased.ok()) << erased.error().message();
      std::size_t expected = 0;
      for (auto it = model.lower_bound(hour(a).ns()); it != model.end() && it->first < hour(b).ns();
           it = model.erase(it)) {
        ++expected;
      }
      ASSERT_EQ(*erased, expected) << "round " << round;
    } else {
      std::vector<int> indices;
      for (int i = a; i < b; ++i) {
        if (action != 1 || random() % 3 == 0) { // 1: a sparse set, landing between stored bars
          indices.push_back(i);
        }
      }
      if (action == 2) { // out of order, with a repeated time: the last one wins
        std::shuffle(indices.begin(), indices.end(), random);
        indices.push_back(indices.front());
      }
      const double base = 100 + round; // a new version of every bar it touches
      BarSeries bars(symbol("BTC/USDT"), Timeframe::hour1);
      for (std::size_t j = 0; j < indices.size(); ++j) {
        const bool repeat = action == 2 && j + 1 == indices.size();
        const Bar bar = bar_at(k_t0, 3600, indices[j], base + (repeat ? 0.5 : 0));
        bars.push_back(bar);
        model[bar.time.ns()] = bar;
      }
      ASSERT_TRUE(store.upsert(bars).ok()) << "round " << round;
    }
    const auto read = store.read_all(symbol("BTC/USDT"), Timeframe::hour1);
    ASSERT_TRUE(read.ok()) << read.error().message();
    std::vector<Bar> expected;
    for (const auto& [t, bar] : model) {
      expected.push_back(bar);
    }
    ASSERT_EQ(bars_of(*read), expected) << "round " << round;
    const auto times = store.times(symbol("BTC/USDT"), Timeframe::hour1);
    ASSERT_TRUE(times.ok());
    ASSERT_EQ(times->size(), expected.size());
  }
  const auto listed = store.list(false);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), model.empty() ? 0U : 1U);
  if (!model.empty()) {
    EXPECT_EQ(listed->front().count, model.size());
    EXPECT_EQ(listed->front().first.ns(), model.begin()->first);
    EXPECT_EQ(listed->front().last.ns(), model.rbegin()->first);
  }
}

TEST(BarStoreBlocks, BarsAppendedOneAtATimeStillFillWholeBlocks) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  {
    auto store = open_store(file);
    for (int i = 0; i < 130; ++i) {
      ASSERT_TRUE(store.upsert(hourly({i})).ok());
    }
    EXPECT_EQ(bars_of(*store.read_all(symbol("BTC/USDT"), Timeframe::hour1)),
              bars_of(hourly(iota(0, 130))));
  }
  // 130 bars in blocks of 13: 10 rows, not 130.
  EXPECT_EQ(crew::test::sql_integer(file, "SELECT count(*) FROM bar_blocks"), 10);
}

// tests/fixtures/bar_store/bars_v1.sqlite was written by the one-row-per-bar BarStore (git f6f12f7:
// BTC/USDT 1Hour 40 bars, AAPL 5Min 30 bars, base 100 and 180 as bar_at), then changed with SQL
// as an older version and a damaged disk would: AAPL bar 5 without a checksum (written before
// checksums), BTC/USDT bar 17's high 107.3125 instead of 106.3125 and its checksum unchanged.
TEST(BarStoreBlocks, AStoreOfOneRowPerBarIsPackedOnOpenAndKeepsWhatItRefused) {
  const crew::test::TempDir dir;
  const auto file = dir / "bars.db";
  // fixtures_dir() is tests/fixtures/alpaca; this fixture sits beside it.
  std::filesystem::copy_file(
      crew::test::fixtures_dir().parent_path() / "bar_store" / "bars_v1.sqlite", file);
  ASSERT_EQ(crew::test::sql_integer(file, "SELECT count(*) FROM bars"), 70);
  {
    auto store = open_store(file);
    const auto aapl = store.read_all(symbol("AAPL"), Timeframe::min5);
    ASSERT_TRUE(aapl.ok()) << aapl.error().message();
    std::vector<Bar> expected;
    for (int i = 0; i < 30; ++i) {
      expected.push_back(bar_at(1'704'205'800, 300, i, 180));
    }
    EXPECT_EQ(bars_of(*aapl), expected);
    // The damaged bar is refused as before; the bars around it read.
    const auto btc = store.read_all(symbol("BTC/USDT"), Timeframe::hour1);
    ASSERT_FALSE(btc.ok()) << "read a damaged bar: high " << btc->at(17).high;
    EXPECT_NE(btc.error().what.find("BTC/USDT 1Hour 2024-01-01T17:00:00Z"), std::string::npos)
        << btc.error().what;
    const auto before = store.read(symbol("BTC/USDT"), Timeframe::hour1, hour(0), hour(17));
    ASSERT_TRUE(before.ok()) << before.error().message();
    EXPECT_EQ(bars_of(*before), bars_of(hourly(iota(0, 17))));
    const auto after = store.read(symbol("BTC/USDT"), Timeframe::hour1, hour(18), hour(99));
    ASSERT_TRUE(after.ok()) << after.error().message();
    EXPECT_EQ(bars_of(*after), bars_of(hourly(iota(18, 40))));
    const auto listed = store.list(false);
    ASSERT_TRUE(listed.ok());
    ASSERT_EQ(listed->size(), 2U);
    EXPECT_EQ(listed->at(0).count, 30U);
    EXPECT_EQ(listed->at(1).count, 40U);
    // Importing the series again repairs it.
    ASSERT_TRUE(store.upsert(hourly(iota(0, 40))).ok());
    EXPECT_EQ(bars_of(*store.read_all(symbol("BTC/USDT"), Timeframe::hour1)),
              bars_of(hourly(iota(0, 40))));
  }
  EXPECT_EQ(crew::test::sql_integer(file, "PRAGMA user_version"), 2);
  EXPECT_EQ(crew::test::sql_integer(file, "SELECT count(*) FROM sqlite_master WHERE name = 'bars'"),
            0);
  EXPECT_EQ(crew::test::sql_integer(file, "SELECT sum(count) FROM bar_blocks"), 70);
  auto again = open_store(file);
  EXPECT_EQ(again.read_all(symbol("AAPL"), Timeframe::min5)->size(), 30U);
}

// A block whose bytes disagree with its row is an error naming the series and the block, from
// every method that reads it, never a crash or a wrong bar.
TEST(BarStoreBlocks, ADamagedBlockIsAClearErrorFromEveryMethod) {
  const char* damages[] = {
      "UPDATE bar_blocks SET bars = substr(bars, 1, 100) WHERE start = 1704067200000000000",
      "UPDATE bar_blocks SET bars = x'' WHERE start = 1704067200000000000",
      "UPDATE bar_blocks SET count = count + 1 WHERE start = 1704067200000000000",
      "UPDATE bar_blocks SET count = 0, bars = x'' WHERE start = 1704067200000000000",
      // Two blocks swapped: each holds the other's bars.
      "UPDATE bar_blocks SET bars = (SELECT bars FROM bar_blocks WHERE start = "
      "1704114000000000000) WHERE start = 1704067200000000000",
      // The first record's time moved after the second's.
      "UPDATE bar_blocks SET bars = substr(bars, 69, 68) || substr(bars, 1, 68) || "
      "substr(bars, 137) WHERE start = 1704067200000000000",
  };
  for (const char* damage : damages) {
    SCOPED_TRACE(damage);
    const crew::test::TempDir dir;
    const auto file = dir / "bars.db";
    {
      auto store = open_store(file);
      ASSERT_TRUE(store.upsert(hourly(iota(0, 40))).ok());
    }
    crew::test::run_sql(file, damage);
    auto store = open_store(file);
    const auto expect_damaged = [&](const crew::core::Error& error) {
      EXPECT_EQ(error.where, file.string());
      EXPECT_NE(error.what.find("BTC/USDT 1Hour"), std::string::npos) << error.what;
      EXPECT_NE(error.what.find("damaged"), std::string::npos) << error.what;
    };
    const auto read = store.read_all(symbol("BTC/USDT"), Timeframe::hour1);
    ASSERT_FALSE(read.ok()) << "read " << read->size() << " bars";
    expect_damaged(read.error());
    const auto times = store.times(symbol("BTC/USDT"), Timeframe::hour1);
    ASSERT_FALSE(times.ok());
    expect_damaged(times.error());
    const auto written = store.upsert(hourly({5}, 300));
    ASSERT_FALSE(written.ok());
    expect_damaged(written.error());
    const auto erased = store.erase(symbol("BTC/USDT"), Timeframe::hour1, hour(3), hour(4));
    ASSERT_FALSE(erased.ok());
    expect_damaged(erased.error());
    // What was refused was not changed: the blocks after the damaged one still read.
    const auto rest = store.read(symbol("BTC/USDT"), Timeframe::hour1, hour(26), hour(40));
    ASSERT_TRUE(rest.ok()) << rest.error().message();
    EXPECT_EQ(bars_of(*rest), bars_of(hourly(iota(26, 40))));
  }
}
