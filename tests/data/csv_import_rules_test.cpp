// The CSV reader's refusals of issue 16: bars that parse but cannot be real (all-zero prices, a
// vwap outside the bar, fractional trade counts, daily bars at 13:37 or on a Saturday, leap
// seconds, prices with more digits than a double holds) and bars that two files of one import
// both hold.
#include "data/csv_io.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <map>

using crew::core::Timeframe;
using crew::data::parse_bars_csv;

namespace {

const crew::core::Symbol& symbol(const char* text) {
  static std::map<std::string, crew::core::Symbol> cache;
  auto it = cache.find(text);
  if (it == cache.end()) {
    it = cache.emplace(text, *crew::core::classify_symbol(text)).first;
  }
  return it->second;
}

const std::string k_header = "timestamp,open,high,low,close,volume,trade_count,vwap\n";

// "ok", or the error as the importer prints it.
std::string verdict(const std::string& rows, const char* name = "BTC/USDT",
                    Timeframe timeframe = Timeframe::hour1) {
  auto parsed = parse_bars_csv(k_header + rows, symbol(name), timeframe, "x.csv");
  return parsed ? std::string("ok") : parsed.error().message();
}

} // namespace

TEST(CsvImportRules, RefusesZeroPrices) {
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,0,0,0,0,0,0,0\n"),
            "x.csv:2: open is 0: prices must be positive");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,0,10.5,5,0,0\n"),
            "x.csv:2: low is 0: prices must be positive");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,0,0,0\n"), "ok"); // no trades: volume 0
}

TEST(CsvImportRules, RefusesAVwapOutsideTheBar) {
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,3,11.5\n"),
            "x.csv:2: vwap 11.5 is outside the bar's [low 9, high 11]");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,3,8.99\n"),
            "x.csv:2: vwap 8.99 is outside the bar's [low 9, high 11]");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,3,9\n"), "ok");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,3,11\n"), "ok");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,0,0\n"), "ok"); // 0: unknown
}

TEST(CsvImportRules, RefusesFractionalTradeCounts) {
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,2.5,10\n"),
            "x.csv:2: trade_count 2.5 is not a whole number");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,5,7.0,10\n"), "ok");
}

TEST(CsvImportRules, DailyBarsStartAtMidnightUtcOrNewYork) {
  const auto daily = [](const std::string& row, const char* name = "BTC/USDT") {
    return verdict(row, name, Timeframe::day1);
  };
  EXPECT_EQ(daily("2024-01-03T13:37:00Z,10,11,9,10.5,5,0,0\n"),
            "x.csv:2: timestamp 2024-01-03T13:37:00Z: a 1Day bar starts at 00:00:00Z or at "
            "midnight in New York, not at 13:37:00Z");
  EXPECT_EQ(daily("2024-01-03T00:00:00Z,10,11,9,10.5,5,0,0\n"), "ok");
  // Alpaca stamps daily bars at New York midnight: 05:00Z in winter, 04:00Z in summer.
  EXPECT_EQ(daily("2024-01-03T05:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"), "ok");
  EXPECT_EQ(daily("2024-07-03T04:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"), "ok");
  EXPECT_EQ(daily("2024-07-03T05:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"),
            "x.csv:2: timestamp 2024-07-03T05:00:00Z: a 1Day bar starts at 00:00:00Z or at "
            "midnight in New York, not at 05:00:00Z");
  // Hourly bars may start at any hour.
  EXPECT_EQ(verdict("2024-01-03T13:00:00Z,10,11,9,10.5,5,0,0\n"), "ok");
}

TEST(CsvImportRules, UsEquityDailyBarsFallOnNyseSessions) {
  const auto daily = [](const std::string& row, const char* name) {
    return verdict(row, name, Timeframe::day1);
  };
  EXPECT_EQ(daily("2024-01-06T00:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"),
            "x.csv:2: timestamp 2024-01-06T00:00:00Z: a 1Day bar of AAPL on Saturday "
            "2024-01-06, when the NYSE does not trade (weekend)");
  EXPECT_EQ(daily("2024-01-06T05:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"),
            "x.csv:2: timestamp 2024-01-06T05:00:00Z: a 1Day bar of AAPL on Saturday "
            "2024-01-06, when the NYSE does not trade (weekend)");
  EXPECT_EQ(daily("2024-12-25T00:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"),
            "x.csv:2: timestamp 2024-12-25T00:00:00Z: a 1Day bar of AAPL on Wednesday "
            "2024-12-25, when the NYSE does not trade (Christmas)");
  EXPECT_EQ(daily("2024-01-06T00:00:00Z,10,11,9,10.5,5,0,0\n", "BTC/USD"), "ok");
  EXPECT_EQ(daily("2024-01-05T00:00:00Z,10,11,9,10.5,5,0,0\n", "AAPL"), "ok");
}

TEST(CsvImportRules, RefusesLeapSeconds) {
  EXPECT_EQ(verdict("2016-12-31T23:59:60Z,10,11,9,10.5,5,0,0\n"),
            "x.csv:2: timestamp '2016-12-31T23:59:60Z' is a leap second: bar times have none");
  EXPECT_FALSE(crew::data::parse_csv_timestamp("2016-12-31T18:59:60-05:00").ok());
  EXPECT_TRUE(crew::data::parse_csv_timestamp("2016-12-31T23:59:59Z").ok());
}

TEST(CsvImportRules, RefusesPricesWithMoreDigitsThanADoubleHolds) {
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,123456789012345678901234567890,"
                    "123456789012345678901234567890,10,10,5,0,0\n"),
            "x.csv:2: open '123456789012345678901234567890' has more digits than a double holds "
            "exactly (it would be stored as 1.2345678901234568e+29)");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.1000000000000000055511151231257827,5,0,0\n"),
            "x.csv:2: close '10.1000000000000000055511151231257827' has more digits than a double "
            "holds exactly (it would be stored as 10.1)");
  // What a double holds, however written: 17 significant digits, zeros, exponents.
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,0.30000000000000004,1.5000000000000000000,0.1,1.1e0,"
                    "1271.68108,0,0\n"),
            "ok");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,0.00001036,0.00001041,0.00001034,0.00001038,"
                    "93646814073,0,0\n"),
            "ok");
  EXPECT_EQ(verdict("2024-01-01T00:00:00Z,10,11,9,10.5,12345678901234567890123,0,0\n"),
            "x.csv:2: volume '12345678901234567890123' has more digits than a double holds "
            "exactly (it would be stored as 1.2345678901234568e+22)");
}

TEST(CsvImportRules, RecordsTheLineOfEveryBar) {
  std::vector<std::size_t> lines;
  const auto bars = parse_bars_csv(k_header + "2024-01-01T00:00:00Z,10,11,9,10.5,5,0,0\n\n" +
                                       "2024-01-01T01:00:00Z,10,11,9,10.5,5,0,0\n",
                                   symbol("BTC/USDT"), Timeframe::hour1, "x.csv", &lines);
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 4}));
}

TEST(CsvImportRules, FilesOfOneImportMustNotHoldTheSameBar) {
  const crew::test::TempDir dir;
  const auto a =
      dir.write("a/BTC-USDT.csv", k_header + "2024-01-01T00:00:00Z,10,11,9,10.5,5,0,0\n"
                                             "2024-01-01T01:00:00Z,10,11,9,10.5,5,0,0\n"
                                             "2024-01-01T02:00:00Z,10,11,9,10.5,5,0,0\n");
  const auto c =
      dir.write("c/BTC-USDT.csv", k_header + "2024-01-01T03:00:00Z,10,11,9,10.5,5,0,0\n"
                                             "2024-01-01T04:00:00Z,10,11,9,10.5,5,0,0\n");
  std::vector<crew::data::CsvFile> files;
  for (const auto& file : {a, c}) {
    auto read = crew::data::read_csv_file(file, symbol("BTC/USDT"), Timeframe::hour1);
    ASSERT_TRUE(read.ok()) << read.error().message();
    files.push_back(std::move(read).value());
  }
  EXPECT_TRUE(crew::data::check_disjoint(files).ok());
  // Another timeframe or symbol is another series.
  auto eth = crew::data::read_csv_file(a, symbol("ETH/USDT"), Timeframe::hour1);
  auto minutes = crew::data::read_csv_file(a, symbol("BTC/USDT"), Timeframe::min1);
  ASSERT_TRUE(eth.ok() && minutes.ok());
  files.push_back(std::move(eth).value());
  files.push_back(std::move(minutes).value());
  EXPECT_TRUE(crew::data::check_disjoint(files).ok());
  // d's first bar is a's third.
  const auto d =
      dir.write("d/BTC-USDT.csv", k_header + "2024-01-01T02:00:00Z,10,11,9,10.5,5,0,0\n"
                                             "2024-01-01T05:00:00Z,10,11,9,10.5,5,0,0\n");
  auto overlapping = crew::data::read_csv_file(d, symbol("BTC/USDT"), Timeframe::hour1);
  ASSERT_TRUE(overlapping.ok());
  files.push_back(std::move(overlapping).value());
  const auto refused = crew::data::check_disjoint(files);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message(),
            d.string() +
                ":2: the 1Hour bar of BTC/USDT at 2024-01-01T02:00:00Z is also on line 4 "
                "of " +
                a.string() + " (one import must not hold a bar twice)");
}
