// The second layer over the parsers: real recorded Alpaca payloads (../shared/alpaca-fixtures,
// provenance in its SOURCES.md), parsed by the same functions as the project's own fixtures and
// checked for their key values. A checkout without that folder skips these with one line each.
#include "alpaca/json_mapping.hpp"
#include "alpaca/trading_json.hpp"
#include "payload_checks.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace crew::alpaca {
namespace {

using test::at;
using test::dec;

TEST(RealPayloads, EveryMultiSymbolBarsPage) {
  const test::BarsPageCase cases[] = {
      {"stock_bars_15min_amzn.json", 5, false}, {"stock_bars_aapl_page1.json", 2, true},
      {"stock_bars_empty.json", 0, false},      {"stock_bars_meta_page1.json", 2, true},
      {"stock_bars_meta_page2.json", 2, true},  {"stock_bars_multi.json", 2, false},
      {"stock_bars_multi_page1.json", 2, true}, {"stock_bars_multi_page_null.json", 6, false},
      {"crypto_bars.json", 2, false},           {"crypto_bars_bch_1min.json", 11, false}};
  for (const auto& c : cases) {
    CREW_REQUIRE_REAL_FIXTURE(text, c.file);
    test::expect_bars_page(text, c);
  }
}

TEST(RealPayloads, StockBarFieldsAndFractionalCryptoVolume) {
  CREW_REQUIRE_REAL_FIXTURE(multi, "stock_bars_multi_page1.json");
  auto page = parse_bars_page(multi, "bars");
  ASSERT_TRUE(page);
  test::expect_bar(page->bars.at("AAPL").at(0), {at("2022-04-11T04:00:00Z"), 168.77, 169.03, 166.1,
                                                 166.975, 40180280, 435528, 167.08951});
  EXPECT_EQ(page->next_page_token, "VFNMQXxEfDIwMjItMDQtMTFUMDQ6MDA6MDAuMDAwMDAwMDAwWg==");
  EXPECT_EQ(page->bars.size(), 2U);
  CREW_REQUIRE_REAL_FIXTURE(bch, "crypto_bars_bch_1min.json");
  auto crypto = parse_bars_page(bch, "bars");
  ASSERT_TRUE(crypto);
  const auto& bars = crypto->bars.at("BCH/USD");
  EXPECT_DOUBLE_EQ(bars.at(0).volume, 3.67960285);
  EXPECT_EQ(bars.at(1).time, at("2021-11-11T11:12:00Z"));
  CREW_REQUIRE_REAL_FIXTURE(single, "stock_bars_single_symbol.json");
  auto one = parse_single_symbol_bars_page(single, "/v2/stocks/{symbol}/bars");
  ASSERT_TRUE(one) << one.error().message();
  ASSERT_EQ(one->bars.at("AAPL").size(), 1U);
  EXPECT_DOUBLE_EQ(one->bars.at("AAPL")[0].close, 169);
  EXPECT_TRUE(one->next_page_token.has_value());
}

TEST(RealPayloads, LatestBarsQuotesAndTrades) {
  CREW_REQUIRE_REAL_FIXTURE(stock_text, "stock_latest_bars.json");
  auto stock = parse_latest_bars(stock_text, "latest");
  ASSERT_TRUE(stock) << stock.error().message();
  EXPECT_EQ(stock->size(), 2U);
  EXPECT_DOUBLE_EQ(stock->at("SPY").close, 392.18);
  CREW_REQUIRE_REAL_FIXTURE(crypto_text, "crypto_latest_bar.json");
  auto crypto = parse_latest_bars(crypto_text, "latest");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_DOUBLE_EQ(crypto->at("BTC/USD").volume, 0.01);
  CREW_REQUIRE_REAL_FIXTURE(multi_text, "crypto_latest_bars_multi.json");
  auto multi = parse_latest_bars(multi_text, "latest");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 3U);
  EXPECT_DOUBLE_EQ(multi->at("DOGE/USD").open, 0.124078);
  for (const char* file :
       {"stock_latest_quote.json", "crypto_latest_quote.json", "crypto_latest_quotes_multi.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto quotes = parse_latest_quotes(text, "quotes");
    ASSERT_TRUE(quotes) << file << ": " << quotes.error().message();
    EXPECT_FALSE(quotes->empty()) << file;
  }
  for (const char* file : {"stock_latest_trades.json", "crypto_latest_trade.json",
                           "crypto_latest_trades_multi.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto trades = parse_latest_trades(text, "trades");
    ASSERT_TRUE(trades) << file << ": " << trades.error().message();
    EXPECT_FALSE(trades->empty()) << file;
  }
  CREW_REQUIRE_REAL_FIXTURE(quote_text, "crypto_latest_quote.json");
  EXPECT_DOUBLE_EQ(parse_latest_quotes(quote_text, "q")->at("BTC/USD").ask_price, 40765.93);
  CREW_REQUIRE_REAL_FIXTURE(trade_text, "crypto_latest_trade.json");
  EXPECT_DOUBLE_EQ(parse_latest_trades(trade_text, "t")->at("BTC/USD").size, 0.1517);
}

TEST(RealPayloads, StockAndCryptoSnapshots) {
  CREW_REQUIRE_REAL_FIXTURE(single_text, "stock_snapshots.json");
  auto single = parse_stock_snapshots(single_text, "snap");
  ASSERT_TRUE(single) << single.error().message();
  const auto& aapl = single->at("AAPL");
  ASSERT_TRUE(aapl.has_value());
  EXPECT_DOUBLE_EQ(aapl->latest_trade->price, 161.1998);
  EXPECT_DOUBLE_EQ(aapl->latest_quote->bid_price, 161.19);
  EXPECT_DOUBLE_EQ(aapl->daily_bar->volume, 31749988);
  EXPECT_EQ(aapl->prev_daily_bar->time, at("2022-03-17T04:00:00Z"));
  CREW_REQUIRE_REAL_FIXTURE(multi_text, "stock_snapshots_multi_with_null.json");
  auto multi = parse_stock_snapshots(multi_text, "snap");
  ASSERT_TRUE(multi) << multi.error().message();
  EXPECT_EQ(multi->size(), 3U);
  EXPECT_FALSE(multi->at("INVALID").has_value());
  EXPECT_TRUE(multi->at("MSFT").has_value());
  CREW_REQUIRE_REAL_FIXTURE(crypto_text, "crypto_snapshots.json");
  auto crypto = parse_crypto_snapshots(crypto_text, "snap");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_DOUBLE_EQ(crypto->at("ETH/USD")->minute_bar->volume, 907.81905184);
  CREW_REQUIRE_REAL_FIXTURE(crypto_multi_text, "crypto_snapshots_multi.json");
  auto crypto_multi = parse_crypto_snapshots(crypto_multi_text, "snap");
  ASSERT_TRUE(crypto_multi) << crypto_multi.error().message();
  EXPECT_GE(crypto_multi->size(), 2U);
  EXPECT_TRUE(crypto_multi->at("LTC/USD")->latest_quote.has_value());
}

TEST(RealPayloads, AssetsClockAndCalendar) {
  for (const char* file : {"asset_crypto_btcusd.json", "asset_crypto_btcusd_docs.json",
                           "asset_equity_aapl.json", "asset_equity_aapl_2025.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto asset = parse_asset(text, "/v2/assets/{symbol}");
    ASSERT_TRUE(asset) << file << ": " << asset.error().message();
    EXPECT_TRUE(asset->tradable) << file;
  }
  CREW_REQUIRE_REAL_FIXTURE(btc_text, "asset_crypto_btcusd.json");
  auto btc = parse_asset(btc_text, "asset");
  EXPECT_EQ(btc->asset_class, "crypto");
  EXPECT_EQ(btc->symbol, "BTC/USD");
  EXPECT_EQ(btc->min_order_size, dec("0.000010954"));
  EXPECT_EQ(btc->min_trade_increment, dec("0.000000001"));
  EXPECT_EQ(btc->price_increment, core::Decimal::from_int(1));
  EXPECT_FALSE(btc->shortable);
  CREW_REQUIRE_REAL_FIXTURE(aapl_text, "asset_equity_aapl_2025.json");
  auto aapl = parse_asset(aapl_text, "asset");
  EXPECT_EQ(aapl->asset_class, "us_equity");
  EXPECT_FALSE(aapl->min_order_size.has_value());
  EXPECT_EQ(aapl->attributes.size(), 2U);
  for (const char* file : {"assets_crypto.json", "assets_us_equity.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto assets = parse_assets(text, "/v2/assets");
    ASSERT_TRUE(assets) << file << ": " << assets.error().message();
    EXPECT_EQ(assets->size(), 1U);
  }
  CREW_REQUIRE_REAL_FIXTURE(clock_text, "clock.json");
  auto clock = parse_clock(clock_text, "/v2/clock");
  ASSERT_TRUE(clock) << clock.error().message();
  EXPECT_FALSE(clock->is_open);
  EXPECT_EQ(clock->next_open, at("2020-06-09T13:30:00Z"));
  EXPECT_EQ(clock->next_close, at("2020-06-09T20:00:00Z"));
  EXPECT_EQ(clock->timestamp, at("2020-06-09T02:38:49.042731234Z"));
  CREW_REQUIRE_REAL_FIXTURE(other_clock, "clock_alpaca_py.json");
  EXPECT_TRUE(parse_clock(other_clock, "/v2/clock"));
  for (const char* file :
       {"calendar.json", "calendar_2019_early_closes.json", "calendar_2020_range.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto days = parse_calendar(text, "/v2/calendar");
    ASSERT_TRUE(days) << file << ": " << days.error().message();
    EXPECT_FALSE(days->empty());
  }
  CREW_REQUIRE_REAL_FIXTURE(early_text, "calendar_2019_early_closes.json");
  auto early = parse_calendar(early_text, "calendar");
  const auto friday = std::find_if(early->begin(), early->end(), [](const CalendarDay& d) {
    return d.date == *core::parse_day("2019-11-29");
  });
  ASSERT_NE(friday, early->end());
  EXPECT_EQ(friday->close, std::chrono::minutes{13 * 60});
  EXPECT_EQ(friday->session_close, std::chrono::minutes{16 * 60});
  EXPECT_EQ(friday->open, std::chrono::minutes{9 * 60 + 30});
  CREW_REQUIRE_REAL_FIXTURE(range_text, "calendar_2020_range.json");
  EXPECT_EQ(parse_calendar(range_text, "calendar")->size(), 14U);
}

TEST(RealPayloads, EveryErrorBody) {
  for (const char* file :
       {"error_401_bad_keys.json", "error_403_crypto_insufficient_balance.json",
        "error_403_crypto_min_notional.json", "error_403_data_recent_sip.json",
        "error_403_insufficient_buying_power.json", "error_404_asset_not_found.json",
        "error_404_order_not_found.json", "error_404_position_does_not_exist.json",
        "error_422_crypto_time_in_force.json", "error_422_duplicate_client_order_id.json",
        "error_422_fractional_not_simple.json", "error_422_invalid_activity_type.json",
        "error_422_malformed_order_id.json", "error_422_replace_not_sent_yet.json",
        "error_422_unknown_asset.json", "error_429_rate_limit.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto error = parse_error_body(text, "error");
    ASSERT_TRUE(error) << file << ": " << error.error().message();
    EXPECT_TRUE(error->code.has_value()) << file;
    EXPECT_FALSE(error->message.empty()) << file;
  }
  CREW_REQUIRE_REAL_FIXTURE(limited_text, "error_429_rate_limit.json");
  auto limited = parse_error_body(limited_text, "e");
  EXPECT_EQ(limited->code, 42910000);
  EXPECT_EQ(limited->message, "rate limit exceeded");
  CREW_REQUIRE_REAL_FIXTURE(duplicate_text, "error_422_duplicate_client_order_id.json");
  auto duplicate = parse_error_body(duplicate_text, "e");
  EXPECT_EQ(duplicate->code, 40010001);
  EXPECT_EQ(duplicate->message, "client_order_id must be unique");
}

TEST(RealPayloads, Orders) {
  for (const char* file :
       {"order_by_client_order_id.json", "order_limit_crypto.json", "order_limit_equity.json",
        "order_market_crypto.json", "order_market_equity_accepted.json",
        "order_notional_equity.json", "close_position_aapl.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto order = parse_order(text, file);
    ASSERT_TRUE(order) << file << ": " << order.error().message();
    EXPECT_FALSE(order->id.empty()) << file;
    EXPECT_FALSE(order->client_order_id.empty()) << file;
  }
  CREW_REQUIRE_REAL_FIXTURE(crypto_text, "order_market_crypto.json");
  auto crypto = parse_order(crypto_text, "t");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_EQ(crypto->id, "e6419d12-56e4-4d67-a61b-f6e464e1f8a8");
  EXPECT_EQ(crypto->symbol.str(), "BTC/USD");
  EXPECT_EQ(crypto->symbol.asset_class(), core::AssetClass::crypto);
  EXPECT_EQ(crypto->qty, dec("0.0283"));
  EXPECT_EQ(crypto->filled_qty, core::Decimal{});
  EXPECT_FALSE(crypto->filled_avg_price.has_value());
  EXPECT_EQ(crypto->type, core::OrderType::market);
  CREW_REQUIRE_REAL_FIXTURE(notional_text, "order_notional_equity.json");
  auto notional = parse_order(notional_text, "t");
  ASSERT_TRUE(notional) << notional.error().message();
  EXPECT_TRUE(notional->notional.has_value());
  EXPECT_TRUE(notional->qty.is_zero());
  CREW_REQUIRE_REAL_FIXTURE(list_text, "orders_list_status_all.json");
  auto orders = parse_orders(list_text, "t");
  ASSERT_TRUE(orders) << orders.error().message();
  EXPECT_EQ(orders->size(), 1U);
  CREW_REQUIRE_REAL_FIXTURE(request_text, "order_request_limit_crypto.json");
  auto request = parse_order_request(request_text, "t");
  ASSERT_TRUE(request) << request.error().message();
  EXPECT_EQ(request->symbol.str(), "ETH/USD");
  EXPECT_EQ(request->limit_price, dec("2100"));
  const std::string body = order_request_json(*request);
  EXPECT_NE(body.find("\"qty\":\"0.02\""), std::string::npos) << body;
  EXPECT_EQ(parse_order_request(body, "t").value(), *request);
}

TEST(RealPayloads, PositionsAndAccounts) {
  CREW_REQUIRE_REAL_FIXTURE(crypto_text, "position_crypto.json");
  auto crypto = parse_position(crypto_text, "t");
  ASSERT_TRUE(crypto) << crypto.error().message();
  EXPECT_EQ(crypto->symbol.str(), "BTC/USD");
  EXPECT_EQ(crypto->qty, dec("2.61937"));
  EXPECT_EQ(crypto->avg_entry_price, dec("19660.573878451"));
  CREW_REQUIRE_REAL_FIXTURE(aapl_text, "position_aapl.json");
  auto aapl = parse_position(aapl_text, "t");
  ASSERT_TRUE(aapl) << aapl.error().message();
  EXPECT_EQ(aapl->symbol.str(), "AAPL");
  for (const char* file : {"positions.json", "positions_alpaca_py.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto list = parse_positions(text, file);
    ASSERT_TRUE(list) << file << ": " << list.error().message();
    EXPECT_FALSE(list->empty());
    for (const auto& position : *list) {
      EXPECT_LE(position.qty_available, position.qty) << file;
    }
  }
  CREW_REQUIRE_REAL_FIXTURE(positions_text, "positions.json");
  EXPECT_EQ(parse_positions(positions_text, "t")->size(), 3U);
  for (const char* file : {"account.json", "account_alpaca_py.json", "account_paper_2020.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto account = parse_account(text, file);
    ASSERT_TRUE(account) << file << ": " << account.error().message();
    EXPECT_FALSE(account->id.empty());
    EXPECT_GT(account->multiplier, 0);
  }
  CREW_REQUIRE_REAL_FIXTURE(paper_text, "account_paper_2020.json");
  auto paper = parse_account(paper_text, "t");
  ASSERT_TRUE(paper);
  EXPECT_TRUE(paper->can_trade());
}

TEST(RealPayloads, ActivitiesAndMultiStatus) {
  CREW_REQUIRE_REAL_FIXTURE(fills_text, "activities_fill.json");
  auto fills = parse_fill_activities(fills_text, "t");
  ASSERT_TRUE(fills) << fills.error().message();
  ASSERT_EQ(fills->size(), 8U);
  EXPECT_EQ(fills->front().id, "20200603093014199::486a1a31-4d0c-494b-aaca-afa36477ddb8");
  EXPECT_EQ(fills->front().price, dec("886.55"));
  EXPECT_EQ(fills->front().side, core::Side::sell);
  CREW_REQUIRE_REAL_FIXTURE(single_text, "activity_fill_with_order_status.json");
  auto single = parse_fill_activities(single_text, "t");
  ASSERT_TRUE(single) << single.error().message();
  EXPECT_EQ(single->size(), 1U);
  CREW_REQUIRE_REAL_FIXTURE(fee_text, "activity_cfee.json");
  auto fees = parse_fee_activities(fee_text, "t");
  ASSERT_TRUE(fees) << fees.error().message();
  ASSERT_EQ(fees->size(), 1U);
  EXPECT_EQ(fees->front().symbol.str(), "ETH/USD");
  EXPECT_EQ(fees->front().qty, dec("-0.000195"));
  for (const char* file : {"cancel_all_orders_207.json", "cancel_all_orders_207_mixed.json",
                           "close_all_positions_207.json", "close_all_positions_207_crypto.json"}) {
    CREW_REQUIRE_REAL_FIXTURE(text, file);
    auto entries = parse_multi_status(text, file);
    ASSERT_TRUE(entries) << file << ": " << entries.error().message();
    test::expect_multi_status_keyed(*entries, file);
  }
  CREW_REQUIRE_REAL_FIXTURE(crypto_text, "close_all_positions_207_crypto.json");
  auto crypto = parse_multi_status(crypto_text, "t");
  ASSERT_TRUE(crypto);
  EXPECT_EQ(crypto->size(), 3U);
  EXPECT_EQ(crypto->front().key, "BTCUSD");
  EXPECT_EQ(crypto->front().order->symbol.str(), "BTC/USD");
}

} // namespace
} // namespace crew::alpaca
