#include "backtest/trades_csv.hpp"
#include "support/shared_paths.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <vector>

namespace crew::backtest {
namespace {

std::vector<Trade> sample_trades() {
  Trade trade;
  trade.entry_time = core::parse_rfc3339("2024-01-02T03:00:00Z").value();
  trade.exit_time = core::parse_rfc3339("2024-01-03T04:00:00Z").value();
  trade.qty = 0.123456789;
  trade.entry_price = 42'283.58 * 1.0005;
  trade.exit_price = 43'000.1 * 0.9995;
  trade.fees = 0.1 + 0.2;
  trade.pnl = trade.qty * (trade.exit_price - trade.entry_price) - trade.fees;
  trade.exit_reason = ExitReason::session_close;
  return {trade};
}

TEST(TradesCsv, WritesTheHeaderAndOneRowPerTrade) {
  const std::string csv = format_trades_csv(sample_trades());
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "entry_time,exit_time,qty,entry_price,exit_price,pnl,fees,exit_reason");
  EXPECT_NE(csv.find("\n2024-01-02T03:00:00Z,2024-01-03T04:00:00Z,0.123456789,"),
            std::string::npos);
  EXPECT_NE(csv.find(",0.30000000000000004,session_close\n"), std::string::npos);
}

TEST(TradesCsv, KeepsFullPrecisionSoNumbersReadBackExactly) {
  const auto trades = sample_trades();
  const std::string csv = format_trades_csv(trades);
  const std::string row = csv.substr(csv.find('\n') + 1);
  // Fields 3..7: qty, entry_price, exit_price, pnl, fees.
  std::vector<double> numbers;
  std::size_t pos = 0;
  for (int field = 0; field < 7; ++field) {
    const std::size_t comma = row.find(',', pos);
    if (field >= 2) {
      double value = 0;
      std::from_chars(row.data() + pos, row.data() + comma, value);
      numbers.push_back(value);
    }
    pos = comma + 1;
  }
  const std::vector<double> expected = {trades[0].qty, trades[0].entry_price, trades[0].exit_price,
                                        trades[0].pnl, trades[0].fees};
  EXPECT_EQ(numbers, expected);
}

TEST(TradesCsv, WritesAFile) {
  test::TempDir dir;
  const auto file = dir / "trades.csv";
  ASSERT_TRUE(write_trades_csv(sample_trades(), file).ok());
  EXPECT_EQ(test::read_file(file), format_trades_csv(sample_trades()));
  EXPECT_FALSE(write_trades_csv(sample_trades(), dir / "missing" / "trades.csv").ok());
}

} // namespace
} // namespace crew::backtest
