#include "bar_source.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace crew::fake_alpaca {
namespace {

const char* k_csv = "timestamp,open,high,low,close,volume\n"
                    "2024-01-01T00:00:00Z,10,11,9,10.5,1.5\n"
                    "2024-01-01T01:00:00Z,10.5,11,10,10.75,2\n";
// Daily bars of a US equity fall on NYSE sessions, at midnight.
const char* k_daily_csv = "timestamp,open,high,low,close,volume\n"
                          "2024-01-02T00:00:00Z,10,11,9,10.5,1.5\n"
                          "2024-01-03T00:00:00Z,10.5,11,10,10.75,2\n";

TEST(BarSource, LoadsAFolderLaidOutLikeSharedData) {
  crew::test::TempDir dir;
  std::filesystem::create_directories(dir / "crypto/1h");
  std::filesystem::create_directories(dir / "us_equity/1d");
  dir.write("crypto/1h/BTC-USDT.csv", k_csv);
  dir.write("crypto/1h/notes.txt", "ignored");
  dir.write("us_equity/1d/AAPL.csv", k_daily_csv);
  auto source = BarSource::load_directory(dir.path());
  ASSERT_TRUE(source) << source.error().message();
  EXPECT_EQ(source->symbols().size(), 2U);
  EXPECT_EQ(source->bar_count(), 4U);
  const SymbolBars* btc = source->find("BTC/USDT");
  ASSERT_NE(btc, nullptr);
  EXPECT_EQ(btc->symbol.asset_class(), core::AssetClass::crypto);
  EXPECT_EQ(btc->series.at(core::Timeframe::hour1).size(), 2U);
  EXPECT_EQ(source->find("BTCUSDT"), btc);
  EXPECT_NE(source->find("AAPL"), nullptr);
  EXPECT_EQ(source->find("MSFT"), nullptr);
}

TEST(BarSource, RefusesABadCsvNamingTheFile) {
  crew::test::TempDir dir;
  std::filesystem::create_directories(dir / "crypto/1h");
  dir.write("crypto/1h/ETH-USD.csv", "timestamp,open,high,low,close,volume\nyesterday,1,1,1,1,1\n");
  auto source = BarSource::load_directory(dir.path());
  ASSERT_FALSE(source);
  EXPECT_NE(source.error().message().find("ETH-USD.csv"), std::string::npos);
}

TEST(BarSource, RefusesAMissingFolder) {
  EXPECT_FALSE(BarSource::load_directory("/nonexistent/fake_alpaca"));
  EXPECT_FALSE(BarSource::load_store("/nonexistent/bars.db"));
}

} // namespace
} // namespace crew::fake_alpaca
