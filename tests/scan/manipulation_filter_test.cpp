#include "data/csv_io.hpp"
#include "scan/manipulation_filter.hpp"
#include "support/shared_paths.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace crew::scan {
namespace {

using core::AssetClass;
using core::UtcTime;

const UtcTime k_start = UtcTime::from_seconds(1'700'000'000);

// A calm hourly market: price wobbles ±0.3% around 100, volume 1000 ± 10%.
data::BarSeries calm_series(std::size_t n) {
  data::BarSeries bars(core::Symbol("TEST/USD", AssetClass::crypto, "TEST", "USD"),
                       core::Timeframe::hour1);
  double previous = 100;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = static_cast<double>(i);
    const double close = 100 * (1 + 0.003 * std::sin(x * 0.7));
    const double volume = 1000 * (1 + 0.1 * std::sin(x * 1.3));
    bars.push_back({k_start + std::chrono::hours(static_cast<int>(i)), previous,
                    std::max(previous, close) * 1.001, std::min(previous, close) * 0.999, close,
                    volume});
    previous = close;
  }
  return bars;
}

// Appends bars given as (close, volume); open = previous close, 0.2% wicks.
void append(data::BarSeries& bars, std::initializer_list<std::pair<double, double>> rows) {
  for (const auto& [close, volume] : rows) {
    const double open = bars.close().back();
    const auto t = bars.time().back() + std::chrono::hours(1);
    bars.push_back(
        {t, open, std::max(open, close) * 1.002, std::min(open, close) * 0.998, close, volume});
  }
}

TEST(ManipulationFilter, RaisesNothingOnACalmMarket) {
  const ManipulationFilter filter(config::ManipulationConfig{});
  EXPECT_TRUE(filter.scan(calm_series(500)).empty());
}

TEST(ManipulationFilter, FlagsASpikeOnHeavyVolumeFollowedByAReversal) {
  auto bars = calm_series(200);
  append(bars, {{110, 5000}, {125, 12000}, {140, 20000}, {132, 9000}, {112, 8000}, {104, 5000}});
  const ManipulationFilter filter(config::ManipulationConfig{});
  const auto flags = filter.scan(bars);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, ManipulationKind::pump_and_dump);
  EXPECT_EQ(flags[0].spike_time, bars.time()[201]); // the first bar of ≥ 8x volume
  EXPECT_EQ(flags[0].time, bars.time()[204]);       // 112 gives back > 40% of the rise to 140.3
  EXPECT_NE(flags[0].reason.find("pump-and-dump"), std::string::npos);
}

TEST(ManipulationFilter, LeavesASustainedRallyAlone) {
  auto bars = calm_series(200);
  append(bars, {{110, 5000}, {125, 12000}, {140, 20000}, {138, 9000}, {141, 8000}, {139, 5000}});
  const ManipulationFilter filter(config::ManipulationConfig{});
  EXPECT_TRUE(filter.scan(bars).empty());
}

TEST(ManipulationFilter, LeavesAReversalOnOrdinaryVolumeAlone) {
  auto bars = calm_series(200);
  append(bars, {{110, 1500}, {125, 1500}, {140, 2000}, {132, 1000}, {112, 1000}, {104, 1000}});
  const ManipulationFilter filter(config::ManipulationConfig{});
  EXPECT_TRUE(filter.scan(bars).empty());
}

TEST(ManipulationFilter, FlagsHeavyVolumeWithoutPriceMovementAsWashTrading) {
  auto bars = calm_series(200);
  const double last = bars.close().back();
  bars.push_back({bars.time().back() + std::chrono::hours(1), last, last * 1.0001, last * 0.9999,
                  last, 30000});
  const ManipulationFilter filter(config::ManipulationConfig{});
  const auto flags = filter.scan(bars);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].kind, ManipulationKind::wash_trading);
  EXPECT_EQ(flags[0].index, 200u);
}

TEST(ManipulationFilter, RecentFlagForgetsFlagsOlderThanTheLookback) {
  auto bars = calm_series(200);
  append(bars, {{110, 5000}, {125, 12000}, {140, 20000}, {132, 9000}, {112, 8000}});
  config::ManipulationConfig settings;
  settings.lookback_bars = 10;
  const ManipulationFilter filter(settings);
  ASSERT_TRUE(filter.recent_flag(bars).has_value());
  auto later = bars;
  append(later, {{105, 1000},
                 {104, 1000},
                 {103, 1000},
                 {104, 1000},
                 {105, 1000},
                 {104, 1000},
                 {103, 1000},
                 {104, 1000},
                 {105, 1000},
                 {104, 1000}});
  EXPECT_FALSE(filter.recent_flag(later).has_value());
  // Judging as of an earlier end sees only the bars before it: nothing before the reversal.
  EXPECT_FALSE(filter.recent_flag(bars, 203).has_value());
}

TEST(ManipulationFilter, ThresholdsComeFromTheConfiguration) {
  auto bars = calm_series(200);
  append(bars, {{110, 5000}, {125, 12000}, {140, 20000}, {132, 9000}, {112, 8000}, {104, 5000}});
  config::ManipulationConfig strict;
  strict.spike_volume_multiple = 50;
  EXPECT_TRUE(ManipulationFilter(strict).scan(bars).empty());
}

// The real episodes of shared/data/reference/crypto_events.csv.
struct Episode {
  const char* file;
  const char* base;
  core::Timeframe timeframe;
  const char* start;
  const char* peak;
};

void expect_flagged_by_peak(const Episode& episode, const std::filesystem::path& path) {
  const core::Symbol symbol(std::string(episode.base) + "/USDT", AssetClass::crypto, episode.base,
                            "USDT");
  const auto bars = data::read_bars_csv(path, symbol, episode.timeframe);
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  const auto start = core::parse_rfc3339(episode.start);
  const auto peak = core::parse_rfc3339(episode.peak);
  ASSERT_TRUE(start.ok() && peak.ok());
  const auto limit = *peak + 3 * core::duration(episode.timeframe);
  const ManipulationFilter filter(config::ManipulationConfig{});
  bool flagged = false;
  for (const auto& flag : filter.scan(*bars)) {
    if (flag.kind == ManipulationKind::pump_and_dump && flag.time >= *start && flag.time <= limit) {
      flagged = true;
    }
  }
  EXPECT_TRUE(flagged) << episode.file << ": no pump_and_dump flag between " << episode.start
                       << " and the peak " << episode.peak << " + 3 bars";
}

TEST(ManipulationFilter, FlagsEveryRealPumpAndDumpByItsPeak) {
  CREW_REQUIRE_DATA(events, "reference/crypto_events.csv");
  const Episode episodes[] = {
      {"crypto/15m/PUMPBTC-USDT-PERP.csv", "PUMPBTC", core::Timeframe::min15,
       "2025-09-21T00:00:00Z", "2025-09-22T18:45:00Z"},
      {"crypto/15m/VOXEL-USDT-PERP.csv", "VOXEL", core::Timeframe::min15, "2025-04-18T12:00:00Z",
       "2025-04-20T08:15:00Z"},
      {"crypto/15m/BANANAS31-USDT-PERP.csv", "BANANAS31", core::Timeframe::min15,
       "2025-07-08T12:00:00Z", "2025-07-11T01:00:00Z"},
      {"crypto/1h/PUMPBTC-USDT-PERP.csv", "PUMPBTC", core::Timeframe::hour1, "2025-09-21T00:00:00Z",
       "2025-09-22T18:00:00Z"},
      {"crypto/1h/VOXEL-USDT-PERP.csv", "VOXEL", core::Timeframe::hour1, "2025-04-18T12:00:00Z",
       "2025-04-20T08:00:00Z"},
      {"crypto/1h/BANANAS31-USDT-PERP.csv", "BANANAS31", core::Timeframe::hour1,
       "2025-07-08T12:00:00Z", "2025-07-11T01:00:00Z"},
  };
  // Every pump_and_dump row of the events file is one of the episodes above.
  const auto text = test::read_file(events);
  std::size_t listed = 0;
  for (std::size_t at = text.find(",pump_and_dump,"); at != std::string::npos;
       at = text.find(",pump_and_dump,", at + 1)) {
    ++listed;
  }
  EXPECT_EQ(listed, 3u);
  for (const auto& episode : episodes) {
    CREW_REQUIRE_DATA(path, episode.file);
    expect_flagged_by_peak(episode, path);
  }
}

TEST(ManipulationFilter, RaisesAtMostAHandfulOfFlagsInACalmYearOfBitcoin) {
  CREW_REQUIRE_DATA(path, "crypto/1h/BTC-USDT.csv");
  const core::Symbol symbol("BTC/USDT", AssetClass::crypto, "BTC", "USDT");
  const auto bars = data::read_bars_csv(path, symbol, core::Timeframe::hour1);
  ASSERT_TRUE(bars.ok()) << bars.error().message();
  const auto year = bars->slice(*core::parse_rfc3339("2024-01-01T00:00:00Z"),
                                *core::parse_rfc3339("2025-01-01T00:00:00Z"));
  const ManipulationFilter filter(config::ManipulationConfig{});
  EXPECT_LE(filter.scan(year).size(), 3u);
}

} // namespace
} // namespace crew::scan
