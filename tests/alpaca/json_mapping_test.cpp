#include "alpaca/json_mapping.hpp"
#include "payload_checks.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

namespace crew::alpaca {
namespace {

using test::at;

TEST(JsonMapping, ParsesEveryMultiSymbolBarsFixture) {
  const test::BarsPageCase cases[] = {
      {"stock_bars_15min_msft.json", 5, false}, {"stock_bars_empty.json", 0, false},
      {"stock_bars_nvda_page1.json", 2, true},  {"stock_bars_nvda_page2.json", 2, true},
      {"stock_bars_multi_page1.json", 3, true}, {"stock_bars_multi_page2.json", 1, false},
      {"crypto_bars.json", 2, false},           {"crypto_bars_sol_1min.json", 8, false}};
  for (const auto& c : cases) {
    test::expect_bars_page(crew::test::read_fixture(c.file), c);
  }
}

TEST(JsonMapping, DecodesStockBarFields) {
  auto page = parse_bars_page(crew::test::read_fixture("stock_bars_multi_page1.json"), "bars");
  ASSERT_TRUE(page);
  test::expect_bar(page->bars.at("AMD").at(0), {at("2024-05-13T04:00:00Z"), 153.02, 155.87, 152.34,
                                                155.41, 38417705, 562303, 154.51202});
  EXPECT_EQ(page->next_page_token, "SU5UQ3xEfDIwMjQtMDUtMTNUMDQ6MDA6MDAuMDAwMDAwMDAwWg==");
  EXPECT_EQ(page->bars.size(), 2U);
  EXPECT_EQ(page->bars.at("INTC").size(), 1U); // the page ends inside the second symbol
  auto last = parse_bars_page(crew::test::read_fixture("stock_bars_multi_page2.json"), "bars");
  ASSERT_TRUE(last) << last.error().message();
  EXPECT_FALSE(last->next_page_token.has_value()); // null, next to an extra "currency" key
  EXPECT_EQ(last->bars.at("INTC").at(0).time, at("2024-05-14T04:00:00Z"));
}

TEST(JsonMapping, DailyStockBarsStartAtNewYorkMidnightAcrossTheDstSwitch) {
  auto page = parse_bars_page(crew::test::read_fixture("stock_bars_nvda_page2.json"), "bars");
  ASSERT_TRUE(page) << page.error().message();
  const auto& nvda = page->bars.at("NVDA");
  EXPECT_EQ(nvda.at(0).time, at("2024-03-08T05:00:00Z"));
  EXPECT_EQ(nvda.at(1).time, at("2024-03-11T04:00:00Z"));
}

TEST(JsonMapping, KeepsFractionalCryptoVolume) {
  auto page = parse_bars_page(crew::test::read_fixture("crypto_bars_sol_1min.json"), "bars");
  ASSERT_TRUE(page);
  const auto& bars = page->bars.at("SOL/USD");
  EXPECT_DOUBLE_EQ(bars.at(0).volume, 12.53);
  EXPECT_DOUBLE_EQ(bars.at(1).volume, 4.106178);
  EXPECT_EQ(bars.at(1).time, at("2024-09-14T03:11:00Z"));
  EXPECT_EQ(bars.at(2).time, at("2024-09-14T03:13:00Z")); // a minute without trades has no bar
  auto daily = parse_bars_page(crew::test::read_fixture("crypto_bars.json"), "bars");
  ASSERT_TRUE(daily);
  EXPECT_DOUBLE_EQ(daily->bars.at("BTC/USD").at(0).volume, 1.83206451);
  EXPECT_EQ(daily->bars.at("ETH/USD").at(0).time, at("2024-09-14T00:00:00Z"));
}

TEST(JsonMapping, ParsesTheSingleSymbolBarsForm) {
  auto page = parse_single_symbol_bars_page(
      crew::test::read_fixture("stock_bars_single_symbol.json"), "/v2/stocks/{symbol}/bars");
  ASSERT_TRUE(page) << page.error().message();
  ASSERT_EQ(page->bars.at("QQQ").size(), 2U);
  EXPECT_DOUBLE_EQ(page->bars.at("QQQ")[0].close, 441.98);
  EXPECT_EQ(page->bars.at("QQQ")[1].time, at("2024-05-14T09:00:00Z"));
  EXPECT_TRUE(page->next_page_token.has_value());
  auto empty = parse_single_symbol_bars_page(
      crew::test::read_fixture("stock_bars_single_symbol_empty.json"), "/v2/stocks/{symbol}/bars");
  ASSERT_TRUE(empty) << empty.error().message();
  EXPECT_TRUE(empty->bars.empty());
  EXPECT_FALSE(empty->next_page_token.has_value());
}

TEST(JsonMapping, ParsesEveryLatestBarsFixture) {
  auto stock = parse_latest_bars(crew::test::read_fixture("stock_latest_bars.json"), "latest");
  ASSERT_TRUE(stock) << stock.error().message();
  EXPECT_EQ(stock->size(), 2U);
  EXPECT_DOUBLE_EQ(stock->at("DIA").close, 416.47);
  auto crypto = parse_latest_bars(crew::test::read_fixture("crypto_latest_bar.json"), "latest");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_DOUBLE_EQ(crypto->at("AVAX/USD").volume, 3.2196);
  auto multi =
      parse_latest_bars(crew::test::read_fixture("crypto_latest_bars_multi.json"), "latest");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 3U);
  EXPECT_DOUBLE_EQ(multi->at("DOGE/USD").open, 0.10235);
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
  EXPECT_DOUBLE_EQ(quote->at("ETH/USD").ask_price, 2381.42);
  EXPECT_DOUBLE_EQ(quote->at("ETH/USD").bid_size, 4.18833);
  auto stock = parse_latest_quotes(crew::test::read_fixture("stock_latest_quote.json"), "q");
  EXPECT_DOUBLE_EQ(stock->at("NVDA").bid_price, 116.79);
  EXPECT_DOUBLE_EQ(stock->at("NVDA").ask_size, 3);
  auto trade = parse_latest_trades(crew::test::read_fixture("crypto_latest_trade.json"), "t");
  EXPECT_DOUBLE_EQ(trade->at("ETH/USD").size, 0.02571);
  auto trades = parse_latest_trades(crew::test::read_fixture("stock_latest_trades.json"), "t");
  EXPECT_DOUBLE_EQ(trades->at("INTC").price, 21.665);
}

TEST(JsonMapping, ParsesStockSnapshotsWithoutWrapperAndWithNullEntries) {
  auto single = parse_stock_snapshots(crew::test::read_fixture("stock_snapshots.json"), "snap");
  ASSERT_TRUE(single) << single.error().message();
  const auto& amd = single->at("AMD");
  ASSERT_TRUE(amd.has_value());
  EXPECT_DOUBLE_EQ(amd->latest_trade->price, 152.615);
  EXPECT_DOUBLE_EQ(amd->latest_quote->bid_price, 152.6);
  EXPECT_DOUBLE_EQ(amd->minute_bar->close, 152.64);
  EXPECT_DOUBLE_EQ(amd->daily_bar->volume, 14902256);
  EXPECT_EQ(amd->prev_daily_bar->time, at("2024-09-16T04:00:00Z"));
  auto multi = parse_stock_snapshots(
      crew::test::read_fixture("stock_snapshots_multi_with_null.json"), "snap");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 3U);
  EXPECT_FALSE(multi->at("XYZQ").has_value());
  EXPECT_TRUE(multi->at("NVDA").has_value());
  ASSERT_TRUE(multi->at("INTC").has_value());
  EXPECT_FALSE(multi->at("INTC")->prev_daily_bar.has_value()); // "prevDailyBar": null
  EXPECT_TRUE(multi->at("INTC")->daily_bar.has_value());
}

TEST(JsonMapping, ParsesCryptoSnapshotsInTheirWrapper) {
  auto single = parse_crypto_snapshots(crew::test::read_fixture("crypto_snapshots.json"), "snap");
  ASSERT_TRUE(single) << single.error().message();
  EXPECT_DOUBLE_EQ(single->at("SOL/USD")->minute_bar->volume, 48.271905);
  EXPECT_EQ(single->at("BTC/USD")->daily_bar->time, at("2024-09-17T00:00:00Z"));
  auto multi =
      parse_crypto_snapshots(crew::test::read_fixture("crypto_snapshots_multi.json"), "snap");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 2U);
  EXPECT_TRUE(multi->at("LTC/USD")->latest_quote.has_value());
  EXPECT_FALSE(multi->at("UNI/USD")->minute_bar.has_value()); // no bar this minute
  EXPECT_TRUE(multi->at("UNI/USD")->latest_trade.has_value());
}

TEST(JsonMapping, ParsesEveryAssetFixtureWithClassAndDecimalIncrements) {
  for (const char* file : {"asset_crypto_ethusd.json", "asset_crypto_ltcusd_2022.json",
                           "asset_equity_intc.json", "asset_equity_msft_2025.json"}) {
    auto asset = parse_asset(crew::test::read_fixture(file), "/v2/assets/{symbol}");
    ASSERT_TRUE(asset) << file << ": " << asset.error().message();
    EXPECT_TRUE(asset->tradable) << file;
  }
  auto eth = parse_asset(crew::test::read_fixture("asset_crypto_ethusd.json"), "asset");
  EXPECT_EQ(eth->asset_class, "crypto");
  EXPECT_EQ(eth->symbol, "ETH/USD");
  EXPECT_EQ(eth->exchange, "CRYPTO");
  EXPECT_EQ(eth->min_order_size, core::parse_decimal("0.000412").value());
  EXPECT_EQ(eth->min_trade_increment, core::parse_decimal("0.000000001").value());
  EXPECT_EQ(eth->price_increment, core::parse_decimal("0.1").value());
  EXPECT_FALSE(eth->shortable);
  EXPECT_TRUE(eth->fractionable);
  auto ltc = parse_asset(crew::test::read_fixture("asset_crypto_ltcusd_2022.json"), "asset");
  EXPECT_TRUE(ltc->attributes.empty());
  EXPECT_EQ(ltc->min_trade_increment, core::parse_decimal("0.01").value());
  auto msft = parse_asset(crew::test::read_fixture("asset_equity_msft_2025.json"), "asset");
  EXPECT_EQ(msft->asset_class, "us_equity");
  EXPECT_FALSE(msft->min_order_size.has_value());
  EXPECT_EQ(msft->attributes.size(), 2U);
  auto intc = parse_asset(crew::test::read_fixture("asset_equity_intc.json"), "asset");
  EXPECT_FALSE(intc->fractionable); // absent in the older shape
  EXPECT_TRUE(intc->easy_to_borrow);
  const std::pair<const char*, std::size_t> lists[] = {{"assets_crypto.json", 4},
                                                       {"assets_us_equity.json", 3}};
  for (const auto& [file, count] : lists) {
    auto assets = parse_assets(crew::test::read_fixture(file), "/v2/assets");
    ASSERT_TRUE(assets) << file << ": " << assets.error().message();
    EXPECT_EQ(assets->size(), count) << file;
  }
  auto crypto = parse_assets(crew::test::read_fixture("assets_crypto.json"), "/v2/assets");
  EXPECT_EQ(crypto->at(1).symbol, "ETH/BTC");
  auto equities = parse_assets(crew::test::read_fixture("assets_us_equity.json"), "/v2/assets");
  EXPECT_EQ(equities->at(1).attributes.at(0), "ptp_no_exception");
  EXPECT_FALSE(equities->at(1).fractionable);
}

TEST(JsonMapping, ParsesClocksWithNewYorkOffsets) {
  auto clock = parse_clock(crew::test::read_fixture("clock.json"), "/v2/clock");
  ASSERT_TRUE(clock) << clock.error().message();
  EXPECT_FALSE(clock->is_open);
  EXPECT_EQ(clock->next_open, at("2024-01-16T14:30:00Z")); // -05:00, past a holiday Monday
  EXPECT_EQ(clock->next_close, at("2024-01-16T21:00:00Z"));
  EXPECT_EQ(clock->timestamp, at("2024-01-12T23:05:41.118437904Z"));
  auto open = parse_clock(crew::test::read_fixture("clock_open.json"), "/v2/clock");
  ASSERT_TRUE(open) << open.error().message();
  EXPECT_TRUE(open->is_open);
  EXPECT_EQ(open->timestamp, at("2024-07-17T15:42:07.5502Z")); // -04:00
  EXPECT_EQ(open->next_close, at("2024-07-17T20:00:00Z"));
  EXPECT_EQ(open->next_open, at("2024-07-18T13:30:00Z"));
}

TEST(JsonMapping, ParsesEveryCalendarFixtureIncludingEarlyCloses) {
  for (const char* file :
       {"calendar.json", "calendar_2020_early_closes.json", "calendar_2024_range.json"}) {
    auto days = parse_calendar(crew::test::read_fixture(file), "/v2/calendar");
    ASSERT_TRUE(days) << file << ": " << days.error().message();
    EXPECT_FALSE(days->empty());
  }
  auto early =
      parse_calendar(crew::test::read_fixture("calendar_2020_early_closes.json"), "calendar");
  ASSERT_TRUE(early) << early.error().message();
  EXPECT_EQ(early->size(), 27U);
  const auto day_of = [](const std::vector<CalendarDay>& days, const char* date) {
    return std::find_if(days.begin(), days.end(),
                        [&](const CalendarDay& d) { return d.date == *core::parse_day(date); });
  };
  EXPECT_EQ(day_of(*early, "2020-11-26"), early->end()); // Thanksgiving
  EXPECT_EQ(day_of(*early, "2020-12-25"), early->end());
  for (const char* date : {"2020-11-27", "2020-12-24"}) {
    const auto short_day = day_of(*early, date);
    ASSERT_NE(short_day, early->end()) << date;
    EXPECT_EQ(short_day->close, std::chrono::minutes{13 * 60}) << date;
    EXPECT_EQ(short_day->session_close, std::chrono::minutes{16 * 60}) << date;
    EXPECT_EQ(short_day->open, std::chrono::minutes{9 * 60 + 30}) << date;
  }
  EXPECT_EQ(day_of(*early, "2020-11-25")->session_close, std::chrono::minutes{19 * 60});
  auto range = parse_calendar(crew::test::read_fixture("calendar_2024_range.json"), "calendar");
  ASSERT_TRUE(range) << range.error().message();
  EXPECT_EQ(range->size(), 9U);
  EXPECT_EQ(day_of(*range, "2024-02-19"), range->end()); // Presidents' Day
  EXPECT_EQ(range->front().session_open, std::chrono::minutes{4 * 60});
  EXPECT_EQ(range->front().session_close, std::chrono::minutes{20 * 60});
}

TEST(JsonMapping, ParsesEveryErrorFixture) {
  const char* files[] = {"error_401_bad_keys.json",
                         "error_403_crypto_insufficient_balance.json",
                         "error_403_crypto_min_notional.json",
                         "error_403_insufficient_buying_power.json",
                         "error_403_insufficient_qty.json",
                         "error_404_asset_not_found.json",
                         "error_404_order_not_found.json",
                         "error_404_position_does_not_exist.json",
                         "error_422_crypto_time_in_force.json",
                         "error_422_duplicate_client_order_id.json",
                         "error_422_fractional_not_simple.json",
                         "error_422_invalid_activity_type.json",
                         "error_422_malformed_order_id.json",
                         "error_422_not_shortable.json",
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
  auto qty = parse_error_body(crew::test::read_fixture("error_403_insufficient_qty.json"), "e");
  EXPECT_EQ(qty->code, 40310000); // next to context fields (available, related_orders, ...)
  // The data API sometimes answers with a message and no code.
  auto bare = parse_error_body(crew::test::read_fixture("error_403_data_recent_sip.json"), "e");
  ASSERT_TRUE(bare) << bare.error().message();
  EXPECT_FALSE(bare->code.has_value());
  EXPECT_EQ(bare->message, "subscription does not permit querying recent SIP data");
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
