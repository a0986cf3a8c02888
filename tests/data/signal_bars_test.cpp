// The one signal-bar rule (design 3b) that backtest, scan, the --sim replay and Alpaca's market
// data all use: regular-session equity bars, coarse equity bars from 5Min, USDT stand-ins named.
#include "data/bar_store.hpp"
#include "data/signal_bars.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

namespace crew::data {
namespace {

using core::Timeframe;
using core::UtcTime;

UtcTime at(const char* text) {
  return *core::parse_rfc3339(text);
}

// `count` bars of `timeframe` from `first`, each opening 0.5 above the previous one.
BarSeries bars_of(const char* symbol, Timeframe timeframe, const char* first, int count) {
  BarSeries bars(*core::classify_symbol(symbol), timeframe);
  for (int i = 0; i < count; ++i) {
    const double p = 100 + 0.5 * i;
    bars.push_back(
        core::Bar{at(first) + core::duration(timeframe) * i, p, p + 1, p - 1, p + 0.25, 10, 2, p});
  }
  return bars;
}

TEST(SignalSources, EquitiesBuildBarsThatCrossTheOpenFromFiveMinutes) {
  EXPECT_EQ(signal_sources(core::AssetClass::us_equity, Timeframe::hour1),
            (std::vector<Timeframe>{Timeframe::min5, Timeframe::hour1}));
  EXPECT_EQ(signal_sources(core::AssetClass::us_equity, Timeframe::min15),
            (std::vector<Timeframe>{Timeframe::min15, Timeframe::min5}));
  EXPECT_EQ(signal_sources(core::AssetClass::us_equity, Timeframe::min5),
            (std::vector<Timeframe>{Timeframe::min5}));
  EXPECT_EQ(signal_sources(core::AssetClass::crypto, Timeframe::hour1),
            (std::vector<Timeframe>{Timeframe::hour1, Timeframe::min15, Timeframe::min5,
                                    Timeframe::min1}));
}

TEST(ToSignalBars, DropsEquityBarsOutsideTheSessionAtEveryTimeframe) {
  // 2024-03-05 (EST): 13:00–14:25 UTC is New York's pre-market, 14:30 the open.
  const auto fine = bars_of("AAPL", Timeframe::min5, "2024-03-05T13:00:00Z", 30);
  const auto same = to_signal_bars(fine, Timeframe::min5);
  ASSERT_TRUE(same) << same.error().message();
  ASSERT_EQ(same->size(), 12U); // 14:30 … 15:25
  EXPECT_EQ(same->time().front(), at("2024-03-05T14:30:00Z"));

  const auto quarter = to_signal_bars(fine, Timeframe::min15);
  ASSERT_TRUE(quarter);
  ASSERT_EQ(quarter->size(), 4U);
  EXPECT_EQ(quarter->time().front(), at("2024-03-05T14:30:00Z"));
  EXPECT_EQ(quarter->open()[0], fine.open()[18]); // the 14:30 bar opens the first quarter

  // Alpaca's own 15Min bars carry the pre-market: the same rule removes them.
  const auto alpaca_quarters = bars_of("AAPL", Timeframe::min15, "2024-03-05T13:00:00Z", 8);
  const auto kept = to_signal_bars(alpaca_quarters, Timeframe::min15);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 2U);
  EXPECT_EQ(kept->time().front(), at("2024-03-05T14:30:00Z"));
}

TEST(ToSignalBars, LeavesCryptoBarsAsTheyAre) {
  const auto hourly = bars_of("BTC/USD", Timeframe::hour1, "2024-03-05T00:00:00Z", 24);
  const auto kept = to_signal_bars(hourly, Timeframe::hour1);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->size(), 24U);
  const auto coarse = to_signal_bars(hourly, Timeframe::hour4);
  ASSERT_TRUE(coarse);
  EXPECT_EQ(coarse->size(), 6U);
  EXPECT_FALSE(to_signal_bars(hourly, Timeframe::min15)); // never finer than the source
}

TEST(ReadSignalBars, PrefersFiveMinuteBarsOverAnEquitysStoredHours) {
  test::TempDir dir;
  auto store = BarStore::open(dir / "bars.db");
  ASSERT_TRUE(store);
  // A stored 1Hour series with the pre-market in its 09:00 (14:00 UTC) bar, and the 5Min bars.
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::hour1, "2024-03-05T13:00:00Z", 4)));
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::min5, "2024-03-05T13:00:00Z", 48)));
  const auto read = read_signal_bars(*store, *core::classify_symbol("AAPL"), Timeframe::hour1,
                                     at("2024-03-05T00:00:00Z"), at("2024-03-06T00:00:00Z"));
  ASSERT_TRUE(read) << read.error().message();
  EXPECT_EQ(read->source_timeframe, Timeframe::min5);
  EXPECT_EQ(read->note, "resampled from stored 5Min bars");
  ASSERT_EQ(read->bars.size(), 3U); // 14:00 (09:30–10:00 only), 15:00, 16:00
  EXPECT_EQ(read->bars.time().front(), at("2024-03-05T14:00:00Z"));
  EXPECT_EQ(read->bars.open()[0], 100 + 0.5 * 18); // the 14:30 bar, not the 14:00 one
}

TEST(ReadSignalBars, TakesTheStoredSourceThatReachesFurthestNotAStaleOne) {
  test::TempDir dir;
  auto store = BarStore::open(dir / "bars.db");
  ASSERT_TRUE(store);
  // An old import of 15Min bars ending on the 5th, and `crew scan`'s refresh of 5Min bars (what
  // it downloads for equities) through the 7th: the quarter hours must come from the fresh bars.
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::min15, "2024-03-05T14:30:00Z", 26)));
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::min5, "2024-03-05T14:30:00Z", 78)));
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::min5, "2024-03-06T14:30:00Z", 78)));
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::min5, "2024-03-07T14:30:00Z", 78)));
  const auto read = read_signal_bars(*store, *core::classify_symbol("AAPL"), Timeframe::min15,
                                     at("2024-03-05T00:00:00Z"), at("2024-03-08T00:00:00Z"));
  ASSERT_TRUE(read) << read.error().message();
  EXPECT_EQ(read->source_timeframe, Timeframe::min5);
  ASSERT_FALSE(read->bars.empty());
  EXPECT_EQ(read->bars.time().back(), at("2024-03-07T20:45:00Z"));

  // With both up to date, the timeframe's own bars serve (no resampling).
  ASSERT_TRUE(store->upsert(bars_of("AAPL", Timeframe::min15, "2024-03-07T14:30:00Z", 26)));
  const auto both = read_signal_bars(*store, *core::classify_symbol("AAPL"), Timeframe::min15,
                                     at("2024-03-05T00:00:00Z"), at("2024-03-08T00:00:00Z"));
  ASSERT_TRUE(both);
  EXPECT_EQ(both->source_timeframe, Timeframe::min15);
}

TEST(ReadSignalBars, ReadsAUsdPairFromItsUsdtSeriesAndSaysSo) {
  test::TempDir dir;
  auto store = BarStore::open(dir / "bars.db");
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->upsert(bars_of("BTC/USDT", Timeframe::min15, "2024-03-05T00:00:00Z", 8)));
  const auto read = read_signal_bars(*store, *core::classify_symbol("BTC/USD"), Timeframe::hour1,
                                     at("2024-03-05T00:00:00Z"), at("2024-03-06T00:00:00Z"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->bars.symbol().str(), "BTC/USD");
  EXPECT_EQ(read->source_symbol.str(), "BTC/USDT");
  EXPECT_EQ(read->note, "from stored BTC/USDT bars, resampled from stored 15Min bars");
  EXPECT_EQ(read->bars.size(), 2U);

  const auto absent = read_signal_bars(*store, *core::classify_symbol("ETH/USD"), Timeframe::hour1,
                                       at("2024-03-05T00:00:00Z"), at("2024-03-06T00:00:00Z"));
  ASSERT_TRUE(absent);
  EXPECT_TRUE(absent->bars.empty());
  EXPECT_EQ(absent->source_symbol.str(), "ETH/USD");
}

} // namespace
} // namespace crew::data
