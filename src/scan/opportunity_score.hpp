#pragma once
// The opportunity score of the scanner: five parts in [0, 1] (signal, trend, volume, volatility,
// liquidity) and their weighted mean, the volume part weighted by the asset profile's
// volume_weight. docs/scanner.md states the formula; this file is its only implementation.
#include "data/bar_series.hpp"

#include <cstddef>

namespace crew::scan {

// What the score reads at the scan bar (the last of bars [0, end)).
struct OpportunityInputs {
  std::size_t strategies_fired = 0;
  std::size_t strategies_run = 0;
  double close = 0;
  double sma_long = 0;        // SMA50 of close; NaN while undefined
  double atr = 0;             // the strategy's ATR(profile.atr_periods); NaN while undefined
  double relative_volume = 0; // volume / SMA20(volume); NaN while undefined
  double dollar_volume = 0;   // median close·volume of the last 20 bars
};

struct ScoreParts {
  double signal = 0;
  double trend = 0;
  double volume = 0;
  double volatility = 0;
  double liquidity = 0;
};

struct ScoreWeights {
  double signal = 0.35;
  double trend = 0.20;
  double volume = 0.20; // multiplied by the profile's volume_weight
  double volatility = 0.10;
  double liquidity = 0.15;
};

// Reads the inputs other than strategies and ATR from bars [0, end).
OpportunityInputs measure_opportunity(const data::BarSeries& bars, std::size_t end);

// ATR as a fraction of the close; NaN when either is undefined.
double atr_fraction(const OpportunityInputs& inputs);

// The parts; `reference_atr_fraction` is the typical ATR/close of this scan's candidates (their
// median), where the volatility part peaks.
ScoreParts score_parts(const OpportunityInputs& inputs, double reference_atr_fraction);

// The weighted mean of the parts, in [0, 1].
double total_score(const ScoreParts& parts, double volume_weight, const ScoreWeights& weights = {});

} // namespace crew::scan
