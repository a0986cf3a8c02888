#include "data/csv_io.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::parse_bars_csv;
using crew::data::parse_csv_timestamp;

namespace {

const crew::core::Symbol& btc() {
  static const auto symbol = *crew::core::classify_symbol("BTC/USDT");
  return symbol;
}

std::string error_of(const std::string& text) {
  auto parsed = parse_bars_csv(text, btc(), Timeframe::hour1, "x.csv");
  return parsed ? std::string("ok") : parsed.error().message();
}

} // namespace

TEST(CsvTimestamp, AcceptsRfc3339EpochSecondsAndMilliseconds) {
  const auto expected = UtcTime::from_seconds(1704067200);
  EXPECT_EQ(*parse_csv_timestamp("2024-01-01T00:00:00Z"), expected);
  EXPECT_EQ(*parse_csv_timestamp("2023-12-31T19:00:00-05:00"), expected);
  EXPECT_EQ(*parse_csv_timestamp("1704067200"), expected);
  EXPECT_EQ(*parse_csv_timestamp("1704067200000"), expected);
  EXPECT_EQ(*parse_csv_timestamp("2024-02-29T12:00:00Z"), UtcTime::from_seconds(1709208000));
  EXPECT_FALSE(parse_csv_timestamp("2023-02-29T12:00:00Z").ok());
  EXPECT_FALSE(parse_csv_timestamp("yesterday").ok());
  EXPECT_FALSE(parse_csv_timestamp("").ok());
}

TEST(CsvTimestamp, RefusesTimesOutsideTheNanosecondRange) {
  for (const char* bad :
       {"44274224200", "9999999999", "253402300799999", "-9999999999", "5202-04-10T00:00:00Z"}) {
    const auto t = parse_csv_timestamp(bad);
    ASSERT_FALSE(t.ok()) << "accepted '" << bad << "'";
  }
  EXPECT_NE(parse_csv_timestamp("44274224200").error().what.find("out of range"),
            std::string::npos);
  EXPECT_EQ(*parse_csv_timestamp("9000000000"), UtcTime::from_seconds(9'000'000'000));
}

TEST(CsvIo, ParsesRowsWithOptionalColumns) {
  const auto bars = parse_bars_csv("timestamp,open,high,low,close,volume,trade_count,vwap\n"
                                   "2024-01-01T00:00:00Z,1.5,2,1,1.75,10,3,1.6\r\n"
                                   "1704070800,1.75,1.8,1.7,1.7,0,0,0\n\n",
                                   btc(), Timeframe::hour1, "x.csv");
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  ASSERT_EQ(bars->size(), 2U);
  EXPECT_EQ(bars->at(0).trade_count, 3.0);
  EXPECT_EQ(bars->at(0).vwap, 1.6);
  EXPECT_EQ(bars->at(1).time, UtcTime::from_seconds(1704070800));
}

TEST(CsvIo, ReportsFileAndLineForEveryKindOfBadRow) {
  const std::string header = "timestamp,open,high,low,close,volume\n";
  const std::string good = "2024-01-01T00:00:00Z,10,11,9,10.5,1\n";
  EXPECT_EQ(error_of(header + good + "2024-01-01T01:00:00Z,10,x,9,10,1\n"),
            "x.csv:3: unparsable high 'x'");
  EXPECT_EQ(error_of(header + "2024-01-01T01:00:00Z,10,10.2,9,10.5,1\n"),
            "x.csv:2: high 10.2 is below max(open, close) 10.5");
  EXPECT_EQ(error_of(header + "2024-01-01T01:00:00Z,10,11,10.2,10.5,1\n"),
            "x.csv:2: low 10.2 is above min(open, close) 10");
  EXPECT_EQ(error_of(header + "2024-01-01T01:00:00Z,10,11,9,10.5,-1\n"),
            "x.csv:2: negative volume -1");
  EXPECT_EQ(error_of(header + good + good),
            "x.csv:3: duplicate timestamp 2024-01-01T00:00:00Z (as on line 2)");
  EXPECT_EQ(
      error_of(header + good + "2023-12-31T23:00:00Z,10,11,9,10.5,1\n"),
      "x.csv:3: timestamp out of order: 2023-12-31T23:00:00Z after 2024-01-01T00:00:00Z on line 2");
  EXPECT_EQ(error_of(header + "2024-01-01T00:00:00Z,10,11,9,10.5\n"),
            "x.csv:2: expected 6 fields, found 5");
  EXPECT_EQ(error_of(header + "2024-01-01T00:00:00Z,10,11,9,nan,1\n"),
            "x.csv:2: unparsable close 'nan'");
  EXPECT_EQ(error_of("timestamp,open,high,low,close\n"), "x.csv:1: missing column 'volume'");
  EXPECT_EQ(error_of("time,open,high,low,close,volume\n"),
            "x.csv:1: unknown column 'time' (expected "
            "timestamp,open,high,low,close,volume[,trade_count,vwap])");
  EXPECT_EQ(error_of(""),
            "x.csv:1: empty file: expected the header timestamp,open,high,low,close,volume");
}

TEST(CsvIo, ExportAfterImportGivesBackTheSameText) {
  const std::string text = "timestamp,open,high,low,close,volume\n"
                           "2024-01-01T00:00:00Z,0.00001036,0.00001041,0.00001034,0.00001038,"
                           "93646814073\n"
                           "2024-01-01T01:00:00Z,42283.58,42554.57,42261.02,42475.23,1271.68108\n";
  const auto bars = parse_bars_csv(text, btc(), Timeframe::hour1, "x.csv");
  ASSERT_TRUE(bars.ok());
  EXPECT_EQ(crew::data::format_bars_csv(*bars), text);
}

TEST(CsvIo, WritesAndReadsFiles) {
  const crew::test::TempDir dir;
  const auto file = dir.write("a.csv", "timestamp,open,high,low,close,volume,trade_count,vwap\n"
                                       "2024-01-01T00:00:00Z,1,2,1,2,5,7,1.5\n");
  const auto bars = crew::data::read_bars_csv(file, btc(), Timeframe::hour1);
  ASSERT_TRUE(bars.ok());
  ASSERT_TRUE(crew::data::write_bars_csv(*bars, dir / "b.csv").ok());
  EXPECT_EQ(crew::test::read_file(dir / "b.csv"), crew::test::read_file(file));
  const auto missing = crew::data::read_bars_csv(dir / "none.csv", btc(), Timeframe::hour1);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("none.csv"), std::string::npos);
}

TEST(CsvIo, RealBitcoinFileRoundTripsExactly) {
  CREW_REQUIRE_DATA(file, "crypto/1h/BTC-USDT.csv");
  const auto bars = crew::data::read_bars_csv(file, btc(), Timeframe::hour1);
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  EXPECT_EQ(crew::data::format_bars_csv(*bars), crew::test::read_file(file));
}
