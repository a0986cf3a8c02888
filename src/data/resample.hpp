#pragma once
// Resampling: coarser bars from finer ones, in clock-aligned UTC buckets (design.md section 3b).
// US_EQUITY bars longer than 5Min come only from regular-session bars, so the 09:00 New York
// hourly bar covers 09:30–10:00 and never mixes in the pre-market.
#include "core/result.hpp"
#include "data/bar_series.hpp"

namespace crew::data {

// Aggregates `bars` into `target` bars: first open, max high, min low, last close, summed volume
// and trade count, volume-weighted vwap (0 when any part lacks one). A bucket with at least one
// source bar yields a bar. `target` must not be finer than the series' timeframe.
// The bars of a US_EQUITY series that belong to NYSE regular sessions: bars of 5Min or less lie
// inside a session, coarser ones overlap it. Other asset classes are returned as they are.
BarSeries regular_session_bars(const BarSeries& bars);

core::Result<BarSeries> resample(const BarSeries& bars, core::Timeframe target);

} // namespace crew::data
