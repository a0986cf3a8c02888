#include "dashboard/candles_view.hpp"
#include "dashboard/dashboard_fixtures.hpp"

#include <gtest/gtest.h>

using namespace crew;
using namespace crew::dashboard;
using namespace crew::dashboard::test;

TEST(CandlesView, QueryDefaultsToSignalTimeframeAndLimit) {
  const auto config = config::default_config();
  auto query = parse_candle_query("AAPL", "", "", config);
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->symbol.str(), "AAPL");
  EXPECT_EQ(query->timeframe, config.us_equity.signal_timeframe);
  EXPECT_EQ(query->limit, 500U);
  auto crypto = parse_candle_query("BTC/USD", "5Min", "20", config);
  ASSERT_TRUE(crypto.ok());
  EXPECT_EQ(crypto->timeframe, core::Timeframe::min5);
  EXPECT_EQ(crypto->limit, 20U);
}

TEST(CandlesView, QueryRefusesBadParametersNamingThem) {
  const auto config = config::default_config();
  EXPECT_EQ(parse_candle_query("", "", "", config).error().where, "symbol");
  EXPECT_EQ(parse_candle_query("not a symbol", "", "", config).error().where, "symbol");
  EXPECT_EQ(parse_candle_query("AAPL", "7Min", "", config).error().where, "timeframe");
  EXPECT_EQ(parse_candle_query("AAPL", "", "0", config).error().where, "limit");
  EXPECT_EQ(parse_candle_query("AAPL", "", "99999", config).error().where, "limit");
  EXPECT_EQ(parse_candle_query("AAPL", "", "12x", config).error().where, "limit");
}

TEST(CandlesView, CompletedBarsWithTradeMarkersOnTheirBars) {
  crew::test::TempDir dir;
  auto store = open_state(dir / "state.db");
  fill_state(store);
  auto bars = open_bars(dir / "bars.db");
  fill_bars(bars);
  // A trade inside the bars: entry 13:20 (bar 13:15), exit 14:07 (bar 14:00).
  auto inside = trade("AAPL", "2026-03-04T13:20:00Z", "2026-03-04T14:07:00Z", "6");
  inside.entry_client_order_id = "tc-in-morning";
  inside.exit_client_order_id = "tc-out-morning";
  ASSERT_TRUE(*store.insert_trade(inside));
  ServerSettings settings;
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  CandleQuery query{*core::classify_symbol("AAPL"), core::Timeframe::min15, 500};
  auto view = candles_view(context, bars, query);
  ASSERT_TRUE(view.ok()) << view.error().message();
  const auto& candles = (*view)["candles"];
  // 13:00 … 14:45: the 15:00 bar is not complete at 15:00.
  ASSERT_EQ(candles.size(), 8U);
  EXPECT_EQ(candles[0]["time"], at("2026-03-04T13:00:00Z").seconds());
  EXPECT_DOUBLE_EQ(candles[0]["open"].get<double>(), 180.0);
  EXPECT_EQ(candles[7]["time"], at("2026-03-04T14:45:00Z").seconds());
  const auto& markers = (*view)["markers"];
  ASSERT_EQ(markers.size(), 3U); // the trade's entry and exit, the open position's entry
  EXPECT_EQ(markers[0]["kind"], "entry");
  EXPECT_EQ(markers[0]["time"], at("2026-03-04T13:15:00Z").seconds());
  EXPECT_EQ(markers[0]["at"], "2026-03-04T13:20:00Z");
  EXPECT_EQ(markers[1]["kind"], "exit");
  EXPECT_EQ(markers[1]["time"], at("2026-03-04T14:00:00Z").seconds());
  EXPECT_EQ(markers[2]["time"], at("2026-03-04T14:30:00Z").seconds());
  EXPECT_NE(markers[2]["text"].get<std::string>().find("open"), std::string::npos);
}

TEST(CandlesView, LimitKeepsTheNewestBars) {
  crew::test::TempDir dir;
  auto store = open_state(dir / "state.db");
  auto bars = open_bars(dir / "bars.db");
  fill_bars(bars);
  ServerSettings settings;
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  CandleQuery query{*core::classify_symbol("AAPL"), core::Timeframe::min15, 3};
  auto view = candles_view(context, bars, query);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ((*view)["candles"].size(), 3U);
  EXPECT_EQ((*view)["candles"][2]["time"], at("2026-03-04T14:45:00Z").seconds());
  EXPECT_TRUE((*view)["markers"].empty());
}

TEST(CandlesView, UnknownSymbolGivesNoCandles) {
  crew::test::TempDir dir;
  auto store = open_state(dir / "state.db");
  auto bars = open_bars(dir / "bars.db");
  ServerSettings settings;
  auto context = make_view_context(store, settings, fixture_now(), std::nullopt);
  CandleQuery query{*core::classify_symbol("MSFT"), core::Timeframe::min15, 10};
  auto view = candles_view(context, bars, query);
  ASSERT_TRUE(view.ok());
  EXPECT_TRUE((*view)["candles"].empty());
}
