#pragma once
// Which bars a series should have and lacks: the expected open times follow the market's
// calendar (crypto every grid point, US_EQUITY bars overlapping NYSE regular sessions, forex 23/5).
// Used by `crew data list`, resumable downloads and the synthetic generator.
#include "core/asset_class.hpp"
#include "core/time.hpp"
#include "core/timeframe.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace crew::data {

// A run of consecutive missing bars: open times first..last (both included).
struct BarGap {
  core::UtcTime first;
  core::UtcTime last;
  std::size_t missing = 0;

  bool operator==(const BarGap&) const = default;
};

// `t` rounded down to a multiple of `timeframe` since the Unix epoch (clock-aligned UTC buckets).
core::UtcTime floor_to(core::UtcTime t, core::Timeframe timeframe);

// The open times in [from, to] at which `asset_class` has a `timeframe` bar: clock-aligned grid
// points whose interval overlaps the market's open hours.
std::vector<core::UtcTime> expected_bar_times(core::AssetClass asset_class,
                                              core::Timeframe timeframe, core::UtcTime from,
                                              core::UtcTime to);

// The missing runs between the first and last of `times` (sorted). Crypto's grid is anchored at
// the first bar, so series whose bars sit off the clock grid are judged fairly.
std::vector<BarGap> find_gaps(std::span<const core::UtcTime> times, core::AssetClass asset_class,
                              core::Timeframe timeframe);
// The total of find_gaps' `missing`.
std::size_t count_missing(std::span<const core::UtcTime> times, core::AssetClass asset_class,
                          core::Timeframe timeframe);

} // namespace crew::data
