// The replay's fill bars are streamed a window at a time (issue 12, "Speed and memory"): the
// promise attacked here is that streaming changes nothing. Every bar is fed once, in order, across
// window edges and holes; the latest price is the one the whole series gives, after a jump too;
// a venue fed from streams fills exactly as one fed the whole session; the plan's streams give
// the bars the store (or the generator) holds for the session.
#include "data/bar_store.hpp"
#include "data/signal_bars.hpp"
#include "data/synthetic_market.hpp"
#include "engine/sim_market_data.hpp"
#include "engine/sim_replay.hpp"
#include "engine/sim_venue.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace crew::engine {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

core::UtcTime at(const char* text) {
  return core::parse_rfc3339(text).value();
}

core::Symbol sym(const char* text) {
  return core::classify_symbol(text).value();
}

// `timeframe` bars of `symbol` at every grid point of [first, first + count bars) except those in
// [hole_from, hole_to); opens 100, 101, … by position so that a wrong bar shows.
data::BarSeries bars_of(const char* symbol, core::Timeframe timeframe, core::UtcTime first,
                        int count, core::UtcTime hole_from = {}, core::UtcTime hole_to = {}) {
  data::BarSeries bars(sym(symbol), timeframe);
  for (int i = 0; i < count; ++i) {
    const auto t = first + core::duration(timeframe) * i;
    if (t >= hole_from && t < hole_to) {
      continue;
    }
    const double open = 100.0 + i;
    bars.push_back(core::Bar{t, open, open + 2, open - 2, open + 0.5, 10.0 + i, 0, 0});
  }
  return bars;
}

// A stream over `whole` read in `window`s, recording the span of every read.
struct Streamed {
  std::shared_ptr<BarStream> stream;
  std::shared_ptr<std::vector<core::Duration>> reads =
      std::make_shared<std::vector<core::Duration>>();
};

Streamed stream_of(const data::BarSeries& whole, core::UtcTime begin, core::UtcTime end,
                   core::Duration window) {
  Streamed s;
  s.stream = std::make_shared<BarStream>(
      whole.symbol(), whole.timeframe(), begin, end,
      [whole, reads = s.reads](core::UtcTime from, core::UtcTime to) {
        reads->push_back(to - from);
        return core::Result<data::BarSeries>{whole.slice(from, to)};
      },
      window);
  return s;
}

std::vector<core::UtcTime> times_of(const data::BarSeries& bars) {
  return {bars.time().begin(), bars.time().end()};
}

TEST(BarStream, FeedsEveryBarOnceInOrderAcrossWindowEdgesAndHoles) {
  const auto begin = at("2026-11-16T00:00:00Z");
  // Ten hours of minutes, a 90-minute hole across the 03:00 window edge; bars sit on every edge.
  const auto whole = bars_of("BTC/USD", core::Timeframe::min1, begin, 600,
                             at("2026-11-16T02:15:00Z"), at("2026-11-16T03:45:00Z"));
  auto s = stream_of(whole, begin, begin + hours{10}, hours{1});
  std::vector<core::UtcTime> fed;
  auto from = core::UtcTime::from_ns(0);
  // Ticks of a minute, then uneven steps (a window and a bit, less than a bar, several windows).
  std::vector<core::Duration> steps(150, minutes{1});
  for (const core::Duration step :
       {core::Duration{hours{1} + minutes{1}}, core::Duration{std::chrono::seconds{30}},
        core::Duration{minutes{7}}, core::Duration{hours{3}}, core::Duration{hours{4}}}) {
    steps.push_back(step);
  }
  auto to = begin;
  for (const auto step : steps) {
    to += step;
    ASSERT_TRUE(s.stream->for_each(first_incomplete(core::Timeframe::min1, from),
                                   first_incomplete(core::Timeframe::min1, to),
                                   [&](const core::Bar& bar) { fed.push_back(bar.time); }));
    // What is fed is what has completed by `to`, exactly.
    ASSERT_EQ(fed.size(), completed_end(whole, to)) << core::format_rfc3339(to);
    const auto last = s.stream->last_before(first_incomplete(core::Timeframe::min1, to));
    ASSERT_TRUE(last);
    ASSERT_TRUE(last->has_value());
    EXPECT_EQ(**last, whole.at(completed_end(whole, to) - 1)) << core::format_rfc3339(to);
    from = to;
  }
  EXPECT_EQ(fed, times_of(whole));
  for (const auto span : *s.reads) {
    EXPECT_LE(span, hours{1}) << "never more than a window in memory";
  }
}

TEST(BarStream, TheLatestBarAfterAJumpLooksBackPastEmptyWindowsAndForwardAgain) {
  const auto begin = at("2026-11-16T00:00:00Z");
  // Nothing from 01:30 to 05:00: windows 2, 3 and 4 are empty.
  const auto whole = bars_of("BTC/USD", core::Timeframe::min1, begin, 480,
                             at("2026-11-16T01:30:00Z"), at("2026-11-16T05:00:00Z"));
  auto s = stream_of(whole, begin, begin + hours{8}, hours{1});
  const auto last = [&](core::UtcTime t) {
    const auto bar = s.stream->last_before(t);
    EXPECT_TRUE(bar);
    return bar && bar->has_value() ? (*bar)->time : core::UtcTime{};
  };
  EXPECT_EQ(last(at("2026-11-16T04:30:00Z")), at("2026-11-16T01:29:00Z")); // a jump, looked back
  EXPECT_EQ(last(at("2026-11-16T05:00:00Z")), at("2026-11-16T01:29:00Z")); // on the edge
  EXPECT_EQ(last(at("2026-11-16T05:00:00.000000001Z")), at("2026-11-16T05:00:00Z"));
  EXPECT_EQ(last(at("2026-11-16T00:10:00Z")), at("2026-11-16T00:09:00Z")); // back again
  EXPECT_EQ(last(at("2026-11-16T09:00:00Z")), at("2026-11-16T07:59:00Z")); // past the end
  const auto none = s.stream->last_before(begin);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value());
}

core::OrderRequest market(const core::Symbol& symbol, core::Side side, const std::string& id) {
  core::OrderRequest r;
  r.symbol = symbol;
  r.side = side;
  r.time_in_force = symbol.asset_class() == core::AssetClass::crypto ? core::TimeInForce::gtc
                                                                     : core::TimeInForce::day;
  r.qty = core::Decimal::from_int(1);
  r.client_order_id = id;
  return r;
}

// A session of six hours over a Monday's equity open, orders every 17 minutes in both symbols;
// the fills and marks of a venue fed from streams in 1-hour windows (and its market data) against
// those of the whole-load venue.
TEST(BarStream, AVenueFedFromStreamsFillsAndMarksLikeOneFedTheWholeSession) {
  const auto begin = at("2026-11-30T12:00:00Z");
  const auto btc = bars_of("BTC/USD", core::Timeframe::min1, begin, 420);
  const auto aapl = bars_of("AAPL", core::Timeframe::min5, at("2026-11-30T14:30:00Z"), 60);
  const auto end = begin + hours{7};
  SimClock whole_clock(begin + minutes{1});
  SimClock streamed_clock(begin + minutes{1});
  SimVenue whole(broker::SimBrokerSettings{}, whole_clock, bar_feed({btc, aapl}));
  auto streams = std::vector<std::shared_ptr<BarStream>>{
      stream_of(btc, begin, end, hours{1}).stream, stream_of(aapl, begin, end, hours{1}).stream};
  SimMarketData streamed_data({}, streams);
  SimMarketData whole_data({btc, aapl});
  SimVenue streamed(broker::SimBrokerSettings{}, streamed_clock, bar_feed(streams));
  const std::atomic<bool> never{false};
  int n = 0;
  for (auto t = begin + minutes{1}; t < begin + hours{6}; t += minutes{1}) {
    whole_clock.sleep_until(t, never);
    streamed_clock.sleep_until(t, never);
    if ((t - begin) % minutes{17} == core::Duration{0}) {
      for (const auto& symbol : {btc.symbol(), aapl.symbol()}) {
        const auto side = n % 3 == 2 ? core::Side::sell : core::Side::buy;
        const auto id = "o" + std::to_string(n++);
        EXPECT_EQ(whole.submit(market(symbol, side, id)).ok(),
                  streamed.submit(market(symbol, side, id)).ok());
      }
    }
    ASSERT_EQ(whole.positions().value(), streamed.positions().value()) << core::format_rfc3339(t);
    ASSERT_EQ(whole_data.latest_prices({btc.symbol(), aapl.symbol()}, t).value(),
              streamed_data.latest_prices({btc.symbol(), aapl.symbol()}, t).value())
        << core::format_rfc3339(t);
  }
  const auto fills = whole.fills_since(begin).value();
  EXPECT_GT(fills.size(), 20U);
  EXPECT_EQ(fills, streamed.fills_since(begin).value());
}

// `count` bars of `timeframe` from `first` (every grid point: crypto's calendar), as sim_replay
// tests write them.
data::BarSeries stored_bars(const char* symbol, core::Timeframe timeframe, const char* first,
                            int count) {
  return bars_of(symbol, timeframe, at(first), count);
}

std::vector<core::Bar> all_of(BarStream& stream, core::UtcTime from, core::UtcTime to) {
  std::vector<core::Bar> out;
  EXPECT_TRUE(stream.for_each(from, to, [&](const core::Bar& bar) { out.push_back(bar); }));
  return out;
}

std::vector<core::Bar> all_of(const data::BarSeries& bars) {
  std::vector<core::Bar> out;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    out.push_back(bars.at(i));
  }
  return out;
}

// A session of three days (default windows of a day) over stored minutes read for a USD pair from
// its USDT series, and over generated minutes: the streams give the session's bars as a whole
// read (or a whole generation) would, under the traded symbol's name.
TEST(BarStream, APlannedSessionLongerThanAWindowStreamsTheBarsTheStoreHolds) {
  test::TempDir dir;
  auto real = data::BarStore::open(dir / "bars.db").value();
  auto synthetic = data::BarStore::open(dir / "synthetic.db").value();
  ASSERT_TRUE(real.upsert(
      stored_bars("BTC/USDT", core::Timeframe::hour1, "2026-11-08T00:00:00Z", 24 * 12)));
  ASSERT_TRUE(real.upsert(
      stored_bars("BTC/USDT", core::Timeframe::min1, "2026-11-12T00:00:00Z", 1440 * 8)));
  ReplayRequest request;
  request.start = at("2026-11-16T06:00:00Z");
  request.end = at("2026-11-19T06:00:00Z");
  request.signal_timeframe = {{core::AssetClass::crypto, core::Timeframe::hour1}};
  request.history_bars = {{core::AssetClass::crypto, 24}};
  request.symbols = {sym("BTC/USD")};
  const auto lead_in = request.start - std::chrono::days{4};
  {
    auto plan = plan_replay(&real, synthetic, request);
    ASSERT_TRUE(plan) << plan.error().message();
    ASSERT_EQ(plan->prices.size(), 1U);
    auto& stream = plan->prices[0];
    ASSERT_EQ(stream.timeframe(), core::Timeframe::min1);
    const auto expected = data::relabel(
        real.read(sym("BTC/USDT"), core::Timeframe::min1, lead_in, request.end).value(),
        sym("BTC/USD"));
    EXPECT_EQ(all_of(stream, lead_in, request.end), all_of(expected));
    EXPECT_EQ(all_of(stream, at("2026-11-17T00:00:00Z"), at("2026-11-17T00:01:00Z")),
              all_of(expected.slice(at("2026-11-17T00:00:00Z"), at("2026-11-17T00:01:00Z"))))
        << "the bar at a window's edge, alone";
  }
  request.synthetic = true;
  auto plan = plan_replay(&real, synthetic, request);
  ASSERT_TRUE(plan) << plan.error().message();
  auto& stream = plan->prices[0];
  const auto generated = data::SyntheticMarket(sym("BTC/USD"), data::k_synthetic_seed)
                             .bars(core::Timeframe::min1, lead_in, request.end)
                             .value();
  EXPECT_EQ(all_of(stream, lead_in, request.end), all_of(generated));
  // What the synthetic store was given for the session is what the stream replays.
  EXPECT_EQ(
      all_of(synthetic.read(sym("BTC/USD"), core::Timeframe::min1, lead_in, request.end).value()),
      all_of(generated));
}

// Checking the finer series a window at a time must not turn "nothing stored" into a stream: a
// weekend session needs no equity bars, and with only 15Min bars stored its fills are the signal
// bars', not an empty 1Min stream.
TEST(BarStream, AWeekendSessionWithNoFinerBarsStoredFillsAtTheSignalBars) {
  test::TempDir dir;
  auto real = data::BarStore::open(dir / "bars.db").value();
  auto synthetic = data::BarStore::open(dir / "synthetic.db").value();
  ASSERT_TRUE(real.upsert(stored_bars("AAPL", core::Timeframe::min15, "2026-11-13T14:30:00Z", 26)));
  ReplayRequest request;
  request.start = at("2026-11-14T12:00:00Z"); // Saturday
  request.end = at("2026-11-15T12:00:00Z");
  request.signal_timeframe = {{core::AssetClass::us_equity, core::Timeframe::min15}};
  request.history_bars = {{core::AssetClass::us_equity, 26}};
  request.symbols = {sym("AAPL")};
  const auto plan = plan_replay(&real, synthetic, request);
  ASSERT_TRUE(plan) << plan.error().message();
  ASSERT_EQ(plan->prices.size(), 1U);
  EXPECT_EQ(plan->prices[0].timeframe(), core::Timeframe::min15);
  EXPECT_EQ(plan->replayed[0].fills,
            "the open of the signal bars (no finer stored series covers the session)");
}

} // namespace
} // namespace crew::engine
