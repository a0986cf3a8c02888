#include "alpaca/json_mapping.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

core::UtcTime at(const char* text) {
  return *core::parse_rfc3339(text);
}

std::size_t bar_count(const BarsPage& page) {
  std::size_t n = 0;
  for (const auto& [symbol, bars] : page.bars) {
    n += bars.size();
  }
  return n;
}

TEST(JsonMapping, ParsesEveryMultiSymbolBarsFixture) {
  struct Case {
    const char* file;
    std::size_t bars;
    bool has_next;
  };
  const Case cases[] = {
      {"stock_bars_15min_amzn.json", 5, false}, {"stock_bars_aapl_page1.json", 2, true},
      {"stock_bars_empty.json", 0, false},      {"stock_bars_meta_page1.json", 2, true},
      {"stock_bars_meta_page2.json", 2, true},  {"stock_bars_multi.json", 2, false},
      {"stock_bars_multi_page1.json", 2, true}, {"stock_bars_multi_page_null.json", 6, false},
      {"crypto_bars.json", 2, false},           {"crypto_bars_bch_1min.json", 11, false}};
  for (const auto& c : cases) {
    auto page = parse_bars_page(crew::test::read_fixture(c.file), "/v2/stocks/bars");
    ASSERT_TRUE(page) << c.file << ": " << page.error().message();
    EXPECT_EQ(bar_count(*page), c.bars) << c.file;
    EXPECT_EQ(page->next_page_token.has_value(), c.has_next) << c.file;
  }
}

TEST(JsonMapping, DecodesStockBarFields) {
  auto page = parse_bars_page(crew::test::read_fixture("stock_bars_multi_page1.json"), "bars");
  ASSERT_TRUE(page);
  const auto& aapl = page->bars.at("AAPL").at(0);
  EXPECT_EQ(aapl.time, at("2022-04-11T04:00:00Z"));
  EXPECT_DOUBLE_EQ(aapl.open, 168.77);
  EXPECT_DOUBLE_EQ(aapl.high, 169.03);
  EXPECT_DOUBLE_EQ(aapl.low, 166.1);
  EXPECT_DOUBLE_EQ(aapl.close, 166.975);
  EXPECT_DOUBLE_EQ(aapl.volume, 40180280);
  EXPECT_DOUBLE_EQ(aapl.trade_count, 435528);
  EXPECT_DOUBLE_EQ(aapl.vwap, 167.08951);
  EXPECT_EQ(page->next_page_token, "VFNMQXxEfDIwMjItMDQtMTFUMDQ6MDA6MDAuMDAwMDAwMDAwWg==");
  EXPECT_EQ(page->bars.size(), 2U);
}

TEST(JsonMapping, KeepsFractionalCryptoVolume) {
  auto page = parse_bars_page(crew::test::read_fixture("crypto_bars_bch_1min.json"), "bars");
  ASSERT_TRUE(page);
  const auto& bars = page->bars.at("BCH/USD");
  EXPECT_DOUBLE_EQ(bars.at(0).volume, 3.67960285);
  EXPECT_EQ(bars.at(1).time, at("2021-11-11T11:12:00Z"));
}

TEST(JsonMapping, ParsesTheSingleSymbolBarsForm) {
  auto page = parse_single_symbol_bars_page(
      crew::test::read_fixture("stock_bars_single_symbol.json"), "/v2/stocks/{symbol}/bars");
  ASSERT_TRUE(page) << page.error().message();
  ASSERT_EQ(page->bars.at("AAPL").size(), 1U);
  EXPECT_DOUBLE_EQ(page->bars.at("AAPL")[0].close, 169);
  EXPECT_TRUE(page->next_page_token.has_value());
}

TEST(JsonMapping, ParsesEveryLatestBarsFixture) {
  auto stock = parse_latest_bars(crew::test::read_fixture("stock_latest_bars.json"), "latest");
  ASSERT_TRUE(stock) << stock.error().message();
  EXPECT_EQ(stock->size(), 2U);
  EXPECT_DOUBLE_EQ(stock->at("SPY").close, 392.18);
  auto crypto = parse_latest_bars(crew::test::read_fixture("crypto_latest_bar.json"), "latest");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_DOUBLE_EQ(crypto->at("BTC/USD").volume, 0.01);
  auto multi =
      parse_latest_bars(crew::test::read_fixture("crypto_latest_bars_multi.json"), "latest");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 3U);
  EXPECT_DOUBLE_EQ(multi->at("DOGE/USD").open, 0.124078);
}

TEST(JsonMapping, ParsesEveryLatestQuoteAndTradeFixture) {
  for (const char* file :
       {"stock_latest_quote.json", "crypto_latest_quote.json", "crypto_latest_quotes_multi.json"}) {
    auto quotes = parse_latest_quotes(crew::test::read_fixture(file), "quotes");
    ASSERT_TRUE(quotes) << file << ": " << quotes.error().message();
    EXPECT_FALSE(quotes->empty()) << file;
  }
  for (const char* file : {"stock_latest_trades.json", "crypto_latest_trade.json",
                           "crypto_latest_trades_multi.json"}) {
    auto trades = parse_latest_trades(crew::test::read_fixture(file), "trades");
    ASSERT_TRUE(trades) << file << ": " << trades.error().message();
    EXPECT_FALSE(trades->empty()) << file;
  }
  auto quote = parse_latest_quotes(crew::test::read_fixture("crypto_latest_quote.json"), "q");
  EXPECT_DOUBLE_EQ(quote->at("BTC/USD").ask_price, 40765.93);
  auto trade = parse_latest_trades(crew::test::read_fixture("crypto_latest_trade.json"), "t");
  EXPECT_DOUBLE_EQ(trade->at("BTC/USD").size, 0.1517);
}

TEST(JsonMapping, ParsesStockSnapshotsWithoutWrapperAndWithNullEntries) {
  auto single = parse_stock_snapshots(crew::test::read_fixture("stock_snapshots.json"), "snap");
  ASSERT_TRUE(single) << single.error().message();
  const auto& aapl = single->at("AAPL");
  ASSERT_TRUE(aapl.has_value());
  EXPECT_DOUBLE_EQ(aapl->latest_trade->price, 161.1998);
  EXPECT_DOUBLE_EQ(aapl->latest_quote->bid_price, 161.19);
  EXPECT_DOUBLE_EQ(aapl->daily_bar->volume, 31749988);
  EXPECT_EQ(aapl->prev_daily_bar->time, at("2022-03-17T04:00:00Z"));
  auto multi = parse_stock_snapshots(
      crew::test::read_fixture("stock_snapshots_multi_with_null.json"), "snap");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 3U);
  EXPECT_FALSE(multi->at("INVALID").has_value());
  EXPECT_TRUE(multi->at("MSFT").has_value());
}

TEST(JsonMapping, ParsesCryptoSnapshotsInTheirWrapper) {
  auto single = parse_crypto_snapshots(crew::test::read_fixture("crypto_snapshots.json"), "snap");
  ASSERT_TRUE(single) << single.error().message();
  EXPECT_DOUBLE_EQ(single->at("ETH/USD")->minute_bar->volume, 907.81905184);
  auto multi =
      parse_crypto_snapshots(crew::test::read_fixture("crypto_snapshots_multi.json"), "snap");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_GE(multi->size(), 2U);
  EXPECT_TRUE(multi->at("LTC/USD")->latest_quote.has_value());
}

TEST(JsonMapping, ParsesEveryAssetFixtureWithClassAndDecimalIncrements) {
  for (const char* file : {"asset_crypto_btcusd.json", "asset_crypto_btcusd_docs.json",
                           "asset_equity_aapl.json", "asset_equity_aapl_2025.json"}) {
    auto asset = parse_asset(crew::test::read_fixture(file), "/v2/assets/{symbol}");
    ASSERT_TRUE(asset) << file << ": " << asset.error().message();
    EXPECT_TRUE(asset->tradable) << file;
  }
  auto btc = parse_asset(crew::test::read_fixture("asset_crypto_btcusd.json"), "asset");
  EXPECT_EQ(btc->asset_class, "crypto");
  EXPECT_EQ(btc->symbol, "BTC/USD");
  EXPECT_EQ(btc->min_order_size, core::parse_decimal("0.000010954").value());
  EXPECT_EQ(btc->min_trade_increment, core::parse_decimal("0.000000001").value());
  EXPECT_EQ(btc->price_increment, core::Decimal::from_int(1));
  EXPECT_FALSE(btc->shortable);
  auto aapl = parse_asset(crew::test::read_fixture("asset_equity_aapl_2025.json"), "asset");
  EXPECT_EQ(aapl->asset_class, "us_equity");
  EXPECT_FALSE(aapl->min_order_size.has_value());
  EXPECT_EQ(aapl->attributes.size(), 2U);
  for (const char* file : {"assets_crypto.json", "assets_us_equity.json"}) {
    auto assets = parse_assets(crew::test::read_fixture(file), "/v2/assets");
    ASSERT_TRUE(assets) << file << ": " << assets.error().message();
    EXPECT_EQ(assets->size(), 1U);
  }
}

TEST(JsonMapping, ParsesClocksWithNewYorkOffsets) {
  auto clock = parse_clock(crew::test::read_fixture("clock.json"), "/v2/clock");
  ASSERT_TRUE(clock) << clock.error().message();
  EXPECT_FALSE(clock->is_open);
  EXPECT_EQ(clock->next_open, at("2020-06-09T13:30:00Z"));
  EXPECT_EQ(clock->next_close, at("2020-06-09T20:00:00Z"));
  EXPECT_EQ(clock->timestamp, at("2020-06-09T02:38:49.042731234Z"));
  auto other = parse_clock(crew::test::read_fixture("clock_alpaca_py.json"), "/v2/clock");
  ASSERT_TRUE(other) << other.error().message();
}

TEST(JsonMapping, ParsesEveryCalendarFixtureIncludingEarlyCloses) {
  for (const char* file :
       {"calendar.json", "calendar_2019_early_closes.json", "calendar_2020_range.json"}) {
    auto days = parse_calendar(crew::test::read_fixture(file), "/v2/calendar");
    ASSERT_TRUE(days) << file << ": " << days.error().message();
    EXPECT_FALSE(days->empty());
  }
  auto early =
      parse_calendar(crew::test::read_fixture("calendar_2019_early_closes.json"), "calendar");
  const auto friday = std::find_if(early->begin(), early->end(), [](const CalendarDay& d) {
    return d.date == *core::parse_day("2019-11-29");
  });
  ASSERT_NE(friday, early->end());
  EXPECT_EQ(friday->close, std::chrono::minutes{13 * 60});
  EXPECT_EQ(friday->session_close, std::chrono::minutes{16 * 60});
  EXPECT_EQ(friday->open, std::chrono::minutes{9 * 60 + 30});
  auto range = parse_calendar(crew::test::read_fixture("calendar_2020_range.json"), "calendar");
  EXPECT_EQ(range->size(), 14U);
}

TEST(JsonMapping, ParsesEveryErrorFixture) {
  const char* files[] = {"error_401_bad_keys.json",
                         "error_403_crypto_insufficient_balance.json",
                         "error_403_crypto_min_notional.json",
                         "error_403_data_recent_sip.json",
                         "error_403_insufficient_buying_power.json",
                         "error_404_asset_not_found.json",
                         "error_404_order_not_found.json",
                         "error_404_position_does_not_exist.json",
                         "error_422_crypto_time_in_force.json",
                         "error_422_duplicate_client_order_id.json",
                         "error_422_fractional_not_simple.json",
                         "error_422_invalid_activity_type.json",
                         "error_422_malformed_order_id.json",
                         "error_422_replace_not_sent_yet.json",
                         "error_422_unknown_asset.json",
                         "error_429_rate_limit.json"};
  for (const char* file : files) {
    auto error = parse_error_body(crew::test::read_fixture(file), "error");
    ASSERT_TRUE(error) << file << ": " << error.error().message();
    EXPECT_TRUE(error->code.has_value()) << file;
    EXPECT_FALSE(error->message.empty()) << file;
  }
  auto limited = parse_error_body(crew::test::read_fixture("error_429_rate_limit.json"), "e");
  EXPECT_EQ(limited->code, 42910000);
  EXPECT_EQ(limited->message, "rate limit exceeded");
  auto bare = parse_error_body(R"({"message":"forbidden"})", "e");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->code.has_value());
}

TEST(JsonMapping, NamesTheEndpointOnMalformedJson) {
  auto page = parse_bars_page(R"({"bars": {"AAPL": [)", "/v2/stocks/bars");
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().what, "malformed JSON");
  EXPECT_EQ(page.error().where, "/v2/stocks/bars");
}

TEST(JsonMapping, NamesTheFieldOfTheWrongType) {
  auto page = parse_bars_page(
      R"({"bars":{"AAPL":[{"t":"2022-04-11T04:00:00Z","o":"1","h":2,"l":1,"c":2,"v":5}]}})",
      "/v2/stocks/bars");
  ASSERT_FALSE(page);
  EXPECT_EQ(page.error().what, "not a number");
  EXPECT_EQ(page.error().where, "/v2/stocks/bars .bars.AAPL[0].o");
  auto time = parse_bars_page(R"({"bars":{"X":[{"t":"yesterday","o":1,"h":1,"l":1,"c":1,"v":1}]}})",
                              "bars");
  ASSERT_FALSE(time);
  EXPECT_NE(time.error().what.find("RFC 3339"), std::string::npos);
  auto token = parse_bars_page(R"({"bars":{},"next_page_token":5})", "bars");
  ASSERT_FALSE(token);
  EXPECT_EQ(token.error().where, "bars .next_page_token");
}

TEST(JsonMapping, RefusesWrongShapesWithoutCrashing) {
  EXPECT_FALSE(parse_assets(R"({"symbol":"AAPL"})", "assets"));
  EXPECT_FALSE(parse_asset(R"({"symbol":"BTC/USD","class":"crypto","min_order_size":0.1})", "a"));
  EXPECT_FALSE(parse_calendar(R"([{"date":"2024-13-01","open":"09:30"}])", "calendar"));
  EXPECT_FALSE(parse_clock(R"({"timestamp":"x"})", "clock"));
  EXPECT_FALSE(parse_stock_snapshots(R"([1,2])", "snap"));
  EXPECT_FALSE(parse_latest_bars(R"({"bars":[]})", "latest"));
  EXPECT_FALSE(parse_error_body("<html>502</html>", "err"));
  EXPECT_FALSE(parse_bars_page("", "bars"));
}

TEST(JsonMapping, ToleratesUnknownAndMissingOptionalFields) {
  auto page = parse_bars_page(
      R"({"bars":{"X":[{"t":"2024-01-01T00:00:00Z","o":1,"h":1,"l":1,"c":1,"v":1,"new":true}]},
          "currency":"USD"})",
      "bars");
  ASSERT_TRUE(page) << page.error().message();
  EXPECT_DOUBLE_EQ(page->bars.at("X")[0].trade_count, 0);
  EXPECT_FALSE(page->next_page_token.has_value());
}

} // namespace
} // namespace crew::alpaca
