// What a --sim session replays (issue 12): stored history as stored, never invented prices, the
// store's own universe, the finest stored bars for the fills, synthetic markets kept apart.
#include "data/bar_store.hpp"
#include "engine/sim_replay.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace crew::engine {
namespace {

using core::AssetClass;
using core::Timeframe;
using core::UtcTime;

UtcTime at(const char* text) {
  return *core::parse_rfc3339(text);
}

core::Symbol sym(const char* text) {
  return *core::classify_symbol(text);
}

// `count` bars of `timeframe` from `first` (every grid point: crypto's calendar).
data::BarSeries bars_of(const char* symbol, Timeframe timeframe, const char* first, int count) {
  data::BarSeries bars(sym(symbol), timeframe);
  for (int i = 0; i < count; ++i) {
    const double p = 100 + 0.01 * i;
    bars.push_back(
        core::Bar{at(first) + core::duration(timeframe) * i, p, p + 1, p - 1, p, 5, 1, p});
  }
  return bars;
}

std::int64_t rows(const data::BarStore& store) {
  std::int64_t total = 0;
  const auto listed = store.list(false);
  EXPECT_TRUE(listed);
  if (!listed) {
    return -1;
  }
  for (const auto& series : *listed) {
    total += static_cast<std::int64_t>(series.count);
  }
  return total;
}

struct Stores {
  test::TempDir dir;
  data::BarStore real = data::BarStore::open(dir / "bars.db").value();
  data::BarStore synthetic = data::BarStore::open(dir / "synthetic.db").value();
};

ReplayRequest request_for(const char* start, const char* end) {
  ReplayRequest request;
  request.start = at(start);
  request.end = at(end);
  request.signal_timeframe = {{AssetClass::crypto, Timeframe::hour1},
                              {AssetClass::us_equity, Timeframe::min15}};
  request.history_bars = {{AssetClass::crypto, 24}, {AssetClass::us_equity, 26}};
  return request;
}

// The plan of a session from `start` to `end` that trades `symbol` only (--symbols).
core::Result<ReplayPlan> plan_chosen(Stores& s, const char* symbol, const char* start,
                                     const char* end) {
  auto request = request_for(start, end);
  request.symbols = {sym(symbol)};
  return plan_replay(&s.real, s.synthetic, request);
}

TEST(SimReplay, RefusesAChosenSeriesThatEndsBeforeTheSessionNamingBothSpans) {
  Stores s;
  // Two days of hourly BTC/USD from 2026-11-15.
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USD", Timeframe::hour1, "2026-11-15T00:00:00Z", 48)));
  const auto plan = plan_chosen(s, "BTC/USD", "2026-11-16T20:00:00Z", "2026-11-17T04:00:00Z");
  ASSERT_FALSE(plan);
  EXPECT_TRUE(plan.error().bad_input);
  EXPECT_EQ(plan.error().where, (s.dir / "bars.db").string());
  EXPECT_NE(plan.error().what.find("BTC/USD 1Hour bars: the bar store holds BTC/USD 1Hour bars "
                                   "from 2026-11-15T00:00:00Z to 2026-11-16T23:00:00Z but the "
                                   "session needs 2026-11-16T20:00:00Z to 2026-11-17T03:00:00Z"),
            std::string::npos)
      << plan.error().what;
  EXPECT_EQ(rows(s.synthetic), 0) << "nothing may be invented";
  EXPECT_EQ(rows(s.real), 48);
}

TEST(SimReplay, TradesWhatTheStoreHoldsAndLeavesOutWhatDoesNotCoverTheSession) {
  Stores s;
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USDT", Timeframe::hour1, "2026-11-14T00:00:00Z", 96)));
  ASSERT_TRUE(s.real.upsert(bars_of("ETH/USDT", Timeframe::hour1, "2026-11-14T00:00:00Z", 20)));
  const auto plan = plan_replay(&s.real, s.synthetic,
                                request_for("2026-11-16T06:00:00Z", "2026-11-16T12:00:00Z"));
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_FALSE(plan->synthetic);
  ASSERT_EQ(plan->universe.at(AssetClass::crypto), std::vector<core::Symbol>{sym("BTC/USDT")});
  EXPECT_EQ(plan->universe.count(AssetClass::us_equity), 0U) << "no demo symbols mixed in";
  ASSERT_EQ(plan->left_out.size(), 1U);
  EXPECT_EQ(plan->left_out[0],
            "ETH/USDT (ETH/USDT 1Hour bars from 2026-11-14T00:00:00Z to 2026-11-14T19:00:00Z)");
  ASSERT_EQ(plan->replayed.size(), 1U);
  EXPECT_EQ(plan->replayed[0].signals, "stored BTC/USDT 1Hour bars");
  EXPECT_EQ(plan->replayed[0].fills,
            "the open of the signal bars (no finer stored series covers the session)");
  // The signal bars reach back as far as the loop's warm-up asks, not further.
  ASSERT_EQ(plan->signal.size(), 1U);
  EXPECT_EQ(plan->signal[0].time().front(), at("2026-11-15T04:00:00Z")); // 26 hours back
  EXPECT_EQ(rows(s.synthetic), 0);
  // The session header says all of it.
  const auto header = describe(*plan);
  ASSERT_EQ(header.size(), 3U);
  EXPECT_EQ(header[0], "replaying stored history:");
  EXPECT_EQ(header[1], "  BTC/USDT   signals: stored BTC/USDT 1Hour bars; fills: the open of the "
                       "signal bars (no finer stored series covers the session)");
  EXPECT_EQ(header[2], "  not replayed (stored span outside the session): ETH/USDT (ETH/USDT "
                       "1Hour bars from 2026-11-14T00:00:00Z to 2026-11-14T19:00:00Z)");
}

TEST(SimReplay, ReadsAChosenUsdPairFromItsUsdtSeriesAndFillsAtTheFinestCoveringBars) {
  Stores s;
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USDT", Timeframe::hour1, "2026-11-14T00:00:00Z", 96)));
  // Minutes of part of the session only, 5-minute bars of all of it.
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USDT", Timeframe::min1, "2026-11-16T06:00:00Z", 60)));
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USDT", Timeframe::min5, "2026-11-16T00:00:00Z", 200)));
  const auto plan = plan_chosen(s, "BTC/USD", "2026-11-16T06:00:00Z", "2026-11-16T12:00:00Z");
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_EQ(plan->replayed.size(), 1U);
  const auto& replayed = plan->replayed[0];
  EXPECT_EQ(replayed.symbol.str(), "BTC/USD");
  EXPECT_EQ(replayed.note, "BTC/USD read from the BTC/USDT series");
  EXPECT_EQ(replayed.fills, "stored BTC/USDT 5Min bars");
  ASSERT_EQ(plan->prices.size(), 1U);
  EXPECT_EQ(plan->prices[0].symbol().str(), "BTC/USD");
  EXPECT_EQ(plan->prices[0].timeframe(), Timeframe::min5);
  EXPECT_EQ(plan->signal[0].symbol().str(), "BTC/USD");
}

TEST(SimReplay, HolesThatWouldLeaveTheSessionWithoutPricesAreNotReplayed) {
  Stores s;
  // Minutes with a two-hour hole at 08:00–10:00 (like the windows of the shared 1Min data), hours
  // without one: the fills come from the hours, never from across the hole.
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USD", Timeframe::hour1, "2026-11-14T00:00:00Z", 96)));
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USD", Timeframe::min1, "2026-11-16T05:00:00Z", 180)));
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USD", Timeframe::min1, "2026-11-16T10:00:00Z", 180)));
  const auto plan = plan_chosen(s, "BTC/USD", "2026-11-16T06:00:00Z", "2026-11-16T12:00:00Z");
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(plan->prices[0].timeframe(), Timeframe::hour1);

  // Signal bars with three days missing inside the session: refused, naming the hole.
  ASSERT_TRUE(s.real.upsert(bars_of("ETH/USD", Timeframe::hour1, "2026-11-10T00:00:00Z", 48)));
  ASSERT_TRUE(s.real.upsert(bars_of("ETH/USD", Timeframe::hour1, "2026-11-15T00:00:00Z", 96)));
  const auto holed = plan_chosen(s, "ETH/USD", "2026-11-11T00:00:00Z", "2026-11-16T00:00:00Z");
  ASSERT_FALSE(holed);
  EXPECT_TRUE(holed.error().bad_input);
  EXPECT_NE(holed.error().what.find("ETH/USD 1Hour bars: the stored series lacks 72 bars from "
                                    "2026-11-12T00:00:00Z to 2026-11-14T23:00:00Z"),
            std::string::npos)
      << holed.error().what;
}

TEST(SimReplay, TheConfiguredUniverseChoosesWhatIsTradedAndExcludeAlwaysApplies) {
  Stores s;
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USDT", Timeframe::hour1, "2026-11-14T00:00:00Z", 96)));
  ASSERT_TRUE(s.real.upsert(bars_of("ETH/USDT", Timeframe::hour1, "2026-11-14T00:00:00Z", 96)));
  auto request = request_for("2026-11-16T06:00:00Z", "2026-11-16T12:00:00Z");
  request.universe.exclude = "ETH/USDT";
  auto plan = plan_replay(&s.real, s.synthetic, request);
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(plan->universe.at(AssetClass::crypto), std::vector<core::Symbol>{sym("BTC/USDT")});

  // Excluded even when named with --symbols, and the header says so.
  request.symbols = {sym("BTC/USDT"), sym("ETH/USDT")};
  plan = plan_replay(&s.real, s.synthetic, request);
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(plan->universe.at(AssetClass::crypto), std::vector<core::Symbol>{sym("BTC/USDT")});
  EXPECT_EQ(plan->excluded, std::vector<std::string>{"ETH/USDT"});
  const auto header = describe(*plan);
  EXPECT_NE(std::find(header.begin(), header.end(), "  not traded ([universe] exclude): ETH/USDT"),
            header.end());
  request.symbols.clear();

  // A listed symbol is chosen: one the store cannot replay is refused, not left out.
  request.universe.crypto = "BTC/USDT, SOL/USD";
  plan = plan_replay(&s.real, s.synthetic, request);
  ASSERT_FALSE(plan);
  EXPECT_NE(plan.error().what.find("SOL/USD 1Hour bars: the bar store holds no bars of it"),
            std::string::npos)
      << plan.error().what;
}

TEST(SimReplay, AWeekendNeedsNoEquityBars) {
  Stores s;
  ASSERT_TRUE(s.real.upsert(bars_of("AAPL", Timeframe::min5, "2026-11-13T14:30:00Z", 78)));
  const auto plan = plan_chosen(s, "AAPL", "2026-11-14T12:00:00Z", "2026-11-15T12:00:00Z"); // Sat

  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_EQ(plan->replayed.size(), 1U);
}

TEST(SimReplay, SyntheticMarketsOnlyWithoutRealBarsOrWhenAskedAndNeverInTheRealStore) {
  Stores s;
  auto request = request_for("2026-11-16T06:00:00Z", "2026-11-16T08:00:00Z");
  request.symbols = {sym("BTC/USD"), sym("AAPL")};
  const auto plan = plan_replay(nullptr, s.synthetic, request);
  ASSERT_TRUE(plan) << plan.error().message();
  EXPECT_TRUE(plan->synthetic);
  EXPECT_EQ(plan->replayed.size(), 2U);
  EXPECT_TRUE(plan->replayed[0].synthetic);
  const auto written = rows(s.synthetic);
  EXPECT_GT(written, 0);
  // The same session again writes nothing new: the generator gives the same bars.
  ASSERT_TRUE(plan_replay(nullptr, s.synthetic, request));
  EXPECT_EQ(rows(s.synthetic), written);

  // With real bars stored, synthetic only with --synthetic, and the real store untouched.
  ASSERT_TRUE(s.real.upsert(bars_of("BTC/USD", Timeframe::hour1, "2026-11-15T00:00:00Z", 48)));
  request.synthetic = true;
  const auto asked = plan_replay(&s.real, s.synthetic, request);
  ASSERT_TRUE(asked);
  EXPECT_TRUE(asked->synthetic);
  EXPECT_EQ(rows(s.real), 48);
  request.synthetic = false;
  request.start = at("2026-11-16T15:00:00Z"); // the NYSE is open: AAPL bars are needed
  request.end = at("2026-11-16T17:00:00Z");
  const auto real = plan_replay(&s.real, s.synthetic, request);
  ASSERT_FALSE(real) << "AAPL is not stored: refused, not invented";
  EXPECT_NE(real.error().what.find("AAPL 15Min bars: the bar store holds no bars of it"),
            std::string::npos)
      << real.error().what;
}

} // namespace
} // namespace crew::engine
