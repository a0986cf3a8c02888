#include "calendar/market_calendar.hpp"
#include "data/synthetic_market.hpp"

#include <gtest/gtest.h>

#include <cmath>

using crew::core::AssetClass;
using crew::core::Timeframe;
using crew::core::UtcTime;
using crew::data::BarSeries;
using crew::data::SyntheticMarket;

namespace {

UtcTime at(const char* text) {
  return *crew::core::parse_rfc3339(text);
}
crew::core::Symbol symbol(const char* text) {
  return *crew::core::classify_symbol(text);
}

BarSeries generate(const char* name, Timeframe timeframe, const char* from, const char* to,
                   std::uint64_t seed = 7) {
  auto bars = SyntheticMarket(symbol(name), seed).bars(timeframe, at(from), at(to));
  EXPECT_TRUE(bars.ok()) << bars.error().message();
  return bars.ok() ? *bars : BarSeries{};
}

} // namespace

TEST(SyntheticMarket, SameSeedGivesSameBarsForAnyRange) {
  const auto whole =
      generate("ETH/USD", Timeframe::hour1, "2024-03-01T00:00:00Z", "2024-03-20T00:00:00Z");
  const auto again =
      generate("ETH/USD", Timeframe::hour1, "2024-03-01T00:00:00Z", "2024-03-20T00:00:00Z");
  const auto part =
      generate("ETH/USD", Timeframe::hour1, "2024-03-05T07:00:00Z", "2024-03-06T00:00:00Z");
  ASSERT_EQ(whole.size(), 19U * 24);
  ASSERT_EQ(again.size(), whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) {
    ASSERT_EQ(whole.at(i), again.at(i));
  }
  const std::size_t offset = whole.lower_bound(at("2024-03-05T07:00:00Z"));
  ASSERT_EQ(part.size(), 17U);
  for (std::size_t i = 0; i < part.size(); ++i) {
    EXPECT_EQ(part.at(i), whole.at(offset + i));
  }
  const auto other =
      generate("ETH/USD", Timeframe::hour1, "2024-03-01T00:00:00Z", "2024-03-20T00:00:00Z", 8);
  EXPECT_NE(other.close()[100], whole.close()[100]);
}

TEST(SyntheticMarket, BarsHaveConsistentOhlcAndSensiblePrices) {
  for (const char* name : {"BTC/USD", "DOGE/USD", "AAPL", "ZZZZ", "FOO/BTC"}) {
    const auto bars =
        generate(name, Timeframe::min15, "2024-06-01T00:00:00Z", "2024-06-15T00:00:00Z");
    ASSERT_FALSE(bars.empty()) << name;
    const double start = crew::data::synthetic_profile(symbol(name)).start_price;
    for (std::size_t i = 0; i < bars.size(); ++i) {
      const auto bar = bars.at(i);
      ASSERT_GE(bar.high, std::max(bar.open, bar.close)) << name << " bar " << i;
      ASSERT_LE(bar.low, std::min(bar.open, bar.close)) << name << " bar " << i;
      ASSERT_GT(bar.low, 0) << name;
      ASSERT_GT(bar.volume, 0) << name;
      ASSERT_GE(bar.vwap, bar.low);
      ASSERT_LE(bar.vwap, bar.high);
      ASSERT_GT(bar.close, start / 5) << name;
      ASSERT_LT(bar.close, start * 5) << name;
    }
  }
}

TEST(SyntheticMarket, EquityBarsOnlyInsideSessions) {
  const auto five =
      generate("MSFT", Timeframe::min5, "2024-11-25T00:00:00Z", "2024-12-03T00:00:00Z");
  ASSERT_FALSE(five.empty());
  for (const UtcTime t : five.time()) {
    ASSERT_TRUE(crew::calendar::is_open(AssetClass::us_equity, t)) << crew::core::format_rfc3339(t);
  }
  const auto hourly =
      generate("MSFT", Timeframe::hour1, "2024-11-25T00:00:00Z", "2024-12-03T00:00:00Z");
  for (const UtcTime t : hourly.time()) {
    const auto session = crew::calendar::nyse_session_at_or_after(t);
    ASSERT_LT(session.open, t + std::chrono::hours{1}) << crew::core::format_rfc3339(t);
  }
  // Nov 25 to Dec 2: six weekdays, less Thanksgiving (the 28th).
  const auto day =
      generate("MSFT", Timeframe::day1, "2024-11-25T00:00:00Z", "2024-12-03T00:00:00Z");
  EXPECT_EQ(day.size(), 5U);
}

TEST(SyntheticMarket, CryptoTradesAroundTheClock) {
  const auto bars =
      generate("SOL/USD", Timeframe::min5, "2024-01-06T00:00:00Z", "2024-01-08T00:00:00Z");
  EXPECT_EQ(bars.size(), 2U * 288);
}

TEST(SyntheticMarket, VolatileRegimesShowInRealisedVolatility) {
  const SyntheticMarket market(symbol("BTC/USD"), 3);
  const auto from = std::chrono::sys_days{std::chrono::year{2023} / 1 / 1};
  const auto to = std::chrono::sys_days{std::chrono::year{2023} / 12 / 31};
  const auto flags = market.volatile_days(from, to);
  const auto volatile_count = std::count(flags.begin(), flags.end(), true);
  EXPECT_GT(volatile_count, 20);
  EXPECT_LT(volatile_count, 250);
  const auto bars = market.bars(Timeframe::hour1, UtcTime::from_sys(from),
                                UtcTime::from_sys(to + std::chrono::days{1}));
  ASSERT_TRUE(bars.ok());
  ASSERT_EQ(bars->size(), flags.size() * 24);
  std::array<double, 2> sum_squares{};
  std::array<double, 2> count{};
  for (std::size_t i = 1; i < bars->size(); ++i) {
    const double r = std::log(bars->close()[i] / bars->close()[i - 1]);
    const std::size_t regime = flags[i / 24] ? 1 : 0;
    sum_squares[regime] += r * r;
    count[regime] += 1;
  }
  const double calm = std::sqrt(sum_squares[0] / count[0]);
  const double wild = std::sqrt(sum_squares[1] / count[1]);
  EXPECT_GT(wild / calm, 1.8);
}

TEST(SyntheticMarket, EquityVolumeIsUShaped) {
  const auto bars =
      generate("AAPL", Timeframe::min5, "2024-04-01T00:00:00Z", "2024-05-01T00:00:00Z");
  double edges = 0;
  double middle = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto minute =
        (bars.time()[i] - crew::calendar::nyse_session_at_or_after(bars.time()[i]).open) /
        std::chrono::minutes{1};
    if (minute < 30 || minute >= 360) {
      edges += bars.volume()[i];
    } else if (minute >= 165 && minute < 225) {
      middle += bars.volume()[i];
    }
  }
  EXPECT_GT(edges / 2, middle * 1.8); // per half hour: open+close vs midday
}

TEST(SyntheticMarket, DefaultUniverseMixesCryptoAndEquities) {
  const auto universe = crew::data::default_universe();
  EXPECT_EQ(universe.size(), 20U);
  EXPECT_EQ(std::count_if(universe.begin(), universe.end(),
                          [](const auto& s) { return s.asset_class() == AssetClass::crypto; }),
            8);
}

TEST(SyntheticMarket, RefusesEmptyAndTooEarlyRanges) {
  const SyntheticMarket market(symbol("AAPL"), 1);
  EXPECT_FALSE(
      market.bars(Timeframe::hour1, at("2024-01-02T00:00:00Z"), at("2024-01-01T00:00:00Z")).ok());
  EXPECT_FALSE(
      market.bars(Timeframe::hour1, at("1999-01-02T00:00:00Z"), at("1999-02-01T00:00:00Z")).ok());
}

TEST(GeneratedRuns, FindsTheGeneratedTailAnEarlierSimWroteAfterRealBars) {
  const auto symbol = *crew::core::classify_symbol("BTC/USD");
  const auto start = *crew::core::parse_rfc3339("2026-11-16T00:00:00Z");
  const auto generated =
      crew::data::SyntheticMarket(symbol, 42)
          .bars(crew::core::Timeframe::hour1, start, start + std::chrono::hours{48});
  ASSERT_TRUE(generated);
  // 24 real hours (prices the generator would never give), then the generator's next 24.
  crew::data::BarSeries stored(symbol, crew::core::Timeframe::hour1);
  for (std::size_t i = 0; i < 48; ++i) {
    auto bar = generated->at(i);
    if (i < 24) {
      bar.close += 0.5;
    }
    stored.push_back(bar);
  }
  const auto runs = crew::data::generated_runs(stored, 42);
  ASSERT_TRUE(runs) << runs.error().message();
  ASSERT_EQ(runs->size(), 1U);
  EXPECT_EQ(runs->front().count, 24U);
  EXPECT_EQ(runs->front().first, generated->time()[24]);
  EXPECT_EQ(runs->front().last, generated->time()[47]);
  // Another seed's bars, or real ones, are not the generator's.
  EXPECT_TRUE(crew::data::generated_runs(stored, 7)->empty());
}
