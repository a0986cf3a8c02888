#pragma once
// Hand-built bar sequences for the strategy tests: bars from closes (open = close, a 1.0 range,
// volume 100 unless given), a permissive profile (no minimum bars, ATR(2)), and a runner that
// lists the bar indices of entries and exits.
#include "config/config.hpp"
#include "core/bar.hpp"
#include "strategy/strategy.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace crew::strategy::test {

inline std::vector<core::Bar> bars_from_closes(const std::vector<double>& closes,
                                               const std::vector<double>& volumes = {}) {
  std::vector<core::Bar> bars;
  for (std::size_t i = 0; i < closes.size(); ++i) {
    core::Bar bar;
    bar.time = core::UtcTime::from_seconds(1'700'000'000 + static_cast<std::int64_t>(i) * 3600);
    bar.open = closes[i];
    bar.high = closes[i] + 0.5;
    bar.low = closes[i] - 0.5;
    bar.close = closes[i];
    bar.volume = i < volumes.size() ? volumes[i] : 100.0;
    bars.push_back(bar);
  }
  return bars;
}

inline config::AssetProfile test_profile(int min_bars = 0, double volume_weight = 1.0) {
  config::AssetProfile profile;
  profile.min_bars_required = min_bars;
  profile.volume_weight = volume_weight;
  profile.atr_periods = 2;
  return profile;
}

struct SignalIndices {
  std::vector<std::size_t> entries;
  std::vector<std::size_t> exits;
};

inline SignalIndices run(Strategy& strategy, const std::vector<core::Bar>& bars) {
  SignalIndices out;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Signals signals = strategy.on_bar(bars[i]);
    EXPECT_FALSE(signals.entry && signals.exit) << "bar " << i;
    if (signals.entry) {
      out.entries.push_back(i);
    }
    if (signals.exit) {
      out.exits.push_back(i);
    }
    EXPECT_EQ(signals.entry || signals.exit, !signals.reason.empty()) << "bar " << i;
  }
  return out;
}

using Indices = std::vector<std::size_t>;

} // namespace crew::strategy::test
