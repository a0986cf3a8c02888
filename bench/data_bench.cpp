// Data module throughput: CSV import, bar store insert and range read, in bars per second.
// docs/performance.md records the numbers and the machine.
#include "data/bar_store.hpp"
#include "data/csv_io.hpp"
#include "data/synthetic_market.hpp"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace {

using crew::core::Timeframe;

constexpr std::size_t k_bars = 1'000'000;

// A scratch directory with a 1M-bar CSV file and a bar store holding those bars, made once.
class Fixture {
public:
  static Fixture& get() {
    static Fixture fixture;
    return fixture;
  }
  Fixture(const Fixture&) = delete;
  Fixture& operator=(const Fixture&) = delete;
  ~Fixture() {
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }

  const std::filesystem::path& dir() const { return m_dir; }
  const std::filesystem::path& csv() const { return m_csv; }
  const crew::data::BarSeries& bars() const { return m_bars; }
  const crew::core::Symbol& symbol() const { return m_bars.symbol(); }

private:
  Fixture()
      : m_dir(std::filesystem::temp_directory_path() /
              ("crew_data_bench_" + std::to_string(::getpid()))),
        m_csv(m_dir / "ETH-USD.csv") {
    std::filesystem::create_directories(m_dir);
    const auto symbol = *crew::core::classify_symbol("ETH/USD");
    const auto start = *crew::core::parse_rfc3339("2022-01-01T00:00:00Z");
    const auto bars = crew::data::SyntheticMarket(symbol, 1).bars(
        Timeframe::min1, start, start + std::chrono::minutes{k_bars});
    m_bars = *bars;
    (void)crew::data::write_bars_csv(m_bars, m_csv);
  }

  std::filesystem::path m_dir;
  std::filesystem::path m_csv;
  crew::data::BarSeries m_bars;
};

void set_rate(benchmark::State& state, std::size_t bars_per_iteration) {
  state.counters["bars_per_second"] = benchmark::Counter(
      static_cast<double>(bars_per_iteration) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

void BM_CsvImport(benchmark::State& state) {
  auto& fixture = Fixture::get();
  std::size_t n = 0;
  for (auto _ : state) {
    auto bars = crew::data::read_bars_csv(fixture.csv(), fixture.symbol(), Timeframe::min1);
    n = bars->size();
    benchmark::DoNotOptimize(bars);
  }
  set_rate(state, n);
}
BENCHMARK(BM_CsvImport)->Unit(benchmark::kMillisecond);

void BM_CsvExport(benchmark::State& state) {
  auto& fixture = Fixture::get();
  for (auto _ : state) {
    auto text = crew::data::format_bars_csv(fixture.bars());
    benchmark::DoNotOptimize(text);
  }
  set_rate(state, fixture.bars().size());
}
BENCHMARK(BM_CsvExport)->Unit(benchmark::kMillisecond);

// Upserts 200k new bars per iteration (a fresh symbol each time) in one transaction.
void BM_StoreInsert(benchmark::State& state) {
  auto& fixture = Fixture::get();
  auto store = crew::data::BarStore::open(fixture.dir() / "insert.db");
  constexpr std::size_t k_batch = 200'000;
  const auto batch = fixture.bars().slice(fixture.bars().time()[0], fixture.bars().time()[k_batch]);
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string name = "Z"; // ZA, ZB, …: a new equity ticker per round
    for (int r = round++; name.size() == 1 || r > 0; r /= 26) {
      name += static_cast<char>('A' + r % 26);
    }
    crew::data::BarSeries renamed(*crew::core::classify_symbol(name), Timeframe::min1);
    renamed.reserve(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      renamed.push_back(batch.at(i));
    }
    state.ResumeTiming();
    if (!store->upsert(renamed)) {
      state.SkipWithError("upsert failed");
    }
  }
  set_rate(state, k_batch);
}
BENCHMARK(BM_StoreInsert)->Unit(benchmark::kMillisecond);

// Reads all 1M bars of one series back into a BarSeries.
void BM_StoreRangeRead(benchmark::State& state) {
  auto& fixture = Fixture::get();
  const auto file = fixture.dir() / "read.db";
  auto store = crew::data::BarStore::open(file);
  if (store->times(fixture.symbol(), Timeframe::min1)->empty()) {
    (void)store->upsert(fixture.bars());
  }
  const auto from = fixture.bars().time().front();
  const auto to = fixture.bars().time().back() + std::chrono::minutes{1};
  std::size_t n = 0;
  for (auto _ : state) {
    auto bars = store->read(fixture.symbol(), Timeframe::min1, from, to);
    n = bars->size();
    benchmark::DoNotOptimize(bars);
  }
  set_rate(state, n);
}
BENCHMARK(BM_StoreRangeRead)->Unit(benchmark::kMillisecond);

// One day (1,440 bars) from the middle of the series: the replay's and the scanner's reads.
void BM_StoreRangeReadDay(benchmark::State& state) {
  auto& fixture = Fixture::get();
  auto store = crew::data::BarStore::open(fixture.dir() / "read.db");
  if (store->times(fixture.symbol(), Timeframe::min1)->empty()) {
    (void)store->upsert(fixture.bars());
  }
  const auto from = fixture.bars().time()[k_bars / 2 + 7]; // not on a block boundary
  const auto to = from + std::chrono::days{1};
  std::size_t n = 0;
  for (auto _ : state) {
    auto bars = store->read(fixture.symbol(), Timeframe::min1, from, to);
    n = bars->size();
    benchmark::DoNotOptimize(bars);
  }
  set_rate(state, n);
}
BENCHMARK(BM_StoreRangeReadDay)->Unit(benchmark::kMicrosecond);

// The ceiling of one SQLite row per bar (issue 12): the same 1M bars in the row-per-bar table
// the store used before schema version 2, read by a bare sqlite3_step loop that only reads the
// nine columns (no BarSeries, no checksum). Same pragmas as the store.
void BM_RowPerBarCeiling(benchmark::State& state) {
  auto& fixture = Fixture::get();
  const auto file = fixture.dir() / "rows.db";
  sqlite3* db = nullptr;
  const bool fresh = !std::filesystem::exists(file);
  sqlite3_open(file.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536",
               nullptr, nullptr, nullptr);
  const std::string& symbol = fixture.symbol().str();
  if (fresh) {
    sqlite3_exec(db,
                 "CREATE TABLE bars (symbol TEXT NOT NULL, timeframe TEXT NOT NULL, time INTEGER "
                 "NOT NULL, open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL "
                 "NOT NULL, volume REAL NOT NULL, trade_count REAL, vwap REAL, checksum INTEGER, "
                 "PRIMARY KEY (symbol, timeframe, time)) WITHOUT ROWID; BEGIN",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO bars VALUES (?1, '1Min', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)",
                       -1, &insert, nullptr);
    const auto& bars = fixture.bars();
    for (std::size_t i = 0; i < bars.size(); ++i) {
      sqlite3_bind_text(insert, 1, symbol.data(), static_cast<int>(symbol.size()), SQLITE_STATIC);
      sqlite3_bind_int64(insert, 2, bars.time()[i].ns());
      const double values[] = {bars.open()[i],  bars.high()[i],   bars.low()[i],
                               bars.close()[i], bars.volume()[i], bars.trade_count()[i],
                               bars.vwap()[i]};
      for (int c = 0; c < 7; ++c) {
        sqlite3_bind_double(insert, 3 + c, values[c]);
      }
      sqlite3_step(insert);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT time, open, high, low, close, volume, trade_count, vwap, checksum "
                     "FROM bars WHERE symbol = ?1 AND timeframe = '1Min' AND time >= ?2 AND "
                     "time < ?3 ORDER BY time",
                     -1, &s, nullptr);
  std::size_t n = 0;
  for (auto _ : state) {
    sqlite3_bind_text(s, 1, symbol.data(), static_cast<int>(symbol.size()), SQLITE_STATIC);
    sqlite3_bind_int64(s, 2, INT64_MIN);
    sqlite3_bind_int64(s, 3, INT64_MAX);
    double sum = 0;
    n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
      sum += static_cast<double>(sqlite3_column_int64(s, 0));
      for (int c = 1; c < 8; ++c) {
        sum += sqlite3_column_double(s, c);
      }
      sum += static_cast<double>(sqlite3_column_int64(s, 8));
      ++n;
    }
    sqlite3_reset(s);
    benchmark::DoNotOptimize(sum);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  set_rate(state, n);
}
BENCHMARK(BM_RowPerBarCeiling)->Unit(benchmark::kMillisecond);

} // namespace
