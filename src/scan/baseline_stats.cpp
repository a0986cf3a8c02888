#include "scan/baseline_stats.hpp"

#include "indicators/batch.hpp"

#include <cmath>
#include <limits>

namespace crew::scan {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

} // namespace

double bars_per_year(core::AssetClass asset_class, core::Timeframe timeframe) {
  const int minutes = core::minutes(timeframe);
  if (asset_class == core::AssetClass::us_equity) {
    const int per_session = std::max(1, (390 + minutes - 1) / minutes);
    return 252.0 * per_session;
  }
  return 365.0 * 24.0 * 60.0 / minutes;
}

SeriesStats series_stats(const data::BarSeries& bars) {
  SeriesStats stats;
  stats.bars = bars.size();
  const auto atr = indicators::atr(bars.high(), bars.low(), bars.close(), 14);
  stats.last_atr14 = atr.empty() ? k_nan : atr.back();

  const auto close = bars.close();
  if (close.size() < 3) {
    stats.annual_volatility = k_nan;
    return stats;
  }
  // Two passes over the log returns: mean, then the sample variance.
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t i = 1; i < close.size(); ++i) {
    sum += std::log(close[i] / close[i - 1]);
    ++n;
  }
  const double mean = sum / static_cast<double>(n);
  double squares = 0;
  for (std::size_t i = 1; i < close.size(); ++i) {
    const double d = std::log(close[i] / close[i - 1]) - mean;
    squares += d * d;
  }
  const double variance = squares / static_cast<double>(n - 1);
  stats.annual_volatility =
      std::sqrt(variance) * std::sqrt(bars_per_year(bars.symbol().asset_class(), bars.timeframe()));
  return stats;
}

std::vector<std::vector<double>> correlation_matrix(std::span<const data::BarSeries> series) {
  const std::size_t n = series.size();
  std::vector<std::vector<double>> matrix(n, std::vector<double>(n, 1.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      const double value = indicators::correlation_all(series[i].time(), series[i].close(),
                                                       series[j].time(), series[j].close());
      matrix[i][j] = value;
      matrix[j][i] = value;
    }
  }
  return matrix;
}

} // namespace crew::scan
