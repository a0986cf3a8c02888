// Opportunity score (docs/scanner.md). Every part maps to [0, 1] and is 0.5 or 0 when its input
// is undefined, so a young series neither wins nor vanishes by accident:
//   signal     = strategies whose entry fired at the scan bar / strategies run
//   trend      = 1/2 + 1/2 · tanh((close − SMA50) / (2 · ATR))        0.5 without SMA50/ATR
//   volume     = min(1, (volume / SMA20(volume)) / 2)                 twice the average → 1
//   volatility = max(0, 1 − |ln(f / f_ref)| / ln 4), f = ATR / close, f_ref = the median f of the
//                scan's candidates: typical volatility scores 1, four times more (or less) 0
//   liquidity  = clamp(log10(median dollar volume per bar / 10^4) / 4, 0, 1)   $10k → 0, $100M → 1
//   score      = (0.35·signal + 0.20·trend + 0.20·w·volume + 0.10·volatility + 0.15·liquidity)
//                / (0.35 + 0.20 + 0.20·w + 0.10 + 0.15),   w = the profile's volume_weight.
#include "scan/opportunity_score.hpp"

#include "scan/bar_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace crew::scan {
namespace {

constexpr std::size_t k_trend_period = 50;
constexpr std::size_t k_volume_period = 20;
constexpr std::size_t k_liquidity_period = 20;

double clamp01(double x) {
  return std::isnan(x) ? 0.0 : std::clamp(x, 0.0, 1.0);
}

} // namespace

OpportunityInputs measure_opportunity(const data::BarSeries& bars, std::size_t end) {
  OpportunityInputs inputs;
  end = std::min(end, bars.size());
  if (end == 0) {
    return inputs;
  }
  const auto close = bars.close();
  const auto volume = bars.volume();
  inputs.close = close[end - 1];
  inputs.sma_long = mean_of_window(close, end, k_trend_period);
  const double average_volume = mean_of_window(volume, end, k_volume_period);
  inputs.relative_volume = average_volume > 0 ? volume[end - 1] / average_volume
                                              : std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = std::min(end, k_liquidity_period);
  std::vector<double> dollars(n);
  for (std::size_t i = 0; i < n; ++i) {
    dollars[i] = close[end - n + i] * volume[end - n + i];
  }
  std::vector<double> scratch(n);
  inputs.dollar_volume = median_of_window(dollars, n, n, scratch);
  return inputs;
}

double atr_fraction(const OpportunityInputs& inputs) {
  return inputs.close > 0 && inputs.atr > 0 ? inputs.atr / inputs.close
                                            : std::numeric_limits<double>::quiet_NaN();
}

ScoreParts score_parts(const OpportunityInputs& inputs, double reference_atr_fraction) {
  ScoreParts parts;
  parts.signal = inputs.strategies_run > 0 ? static_cast<double>(inputs.strategies_fired) /
                                                 static_cast<double>(inputs.strategies_run)
                                           : 0.0;
  parts.trend = (std::isnan(inputs.sma_long) || !(inputs.atr > 0))
                    ? 0.5
                    : 0.5 + 0.5 * std::tanh((inputs.close - inputs.sma_long) / (2 * inputs.atr));
  parts.volume = clamp01(inputs.relative_volume / 2);
  const double f = atr_fraction(inputs);
  parts.volatility =
      (std::isnan(f) || !(reference_atr_fraction > 0))
          ? 0.0
          : clamp01(1 - std::abs(std::log(f / reference_atr_fraction)) / std::log(4.0));
  parts.liquidity =
      inputs.dollar_volume > 0 ? clamp01(std::log10(inputs.dollar_volume / 1e4) / 4) : 0.0;
  return parts;
}

double total_score(const ScoreParts& parts, double volume_weight, const ScoreWeights& weights) {
  const double w = std::max(0.0, volume_weight);
  const double sum =
      weights.signal + weights.trend + weights.volume * w + weights.volatility + weights.liquidity;
  if (!(sum > 0)) {
    return 0;
  }
  return (weights.signal * parts.signal + weights.trend * parts.trend +
          weights.volume * w * parts.volume + weights.volatility * parts.volatility +
          weights.liquidity * parts.liquidity) /
         sum;
}

} // namespace crew::scan
