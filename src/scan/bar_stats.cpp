#include "scan/bar_stats.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace crew::scan {
namespace {
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
} // namespace

double true_range(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, std::size_t i) {
  const double range = high[i] - low[i];
  if (i == 0) {
    return range;
  }
  const double previous = close[i - 1];
  return std::max({range, std::abs(high[i] - previous), std::abs(low[i] - previous)});
}

double mean_of_window(std::span<const double> values, std::size_t end, std::size_t n) {
  if (n == 0 || end < n || end > values.size()) {
    return k_nan;
  }
  double sum = 0;
  for (std::size_t i = end - n; i < end; ++i) {
    sum += values[i];
  }
  return sum / static_cast<double>(n);
}

double mean_true_range(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, std::size_t end, std::size_t n) {
  if (n == 0 || end < n || end > high.size()) {
    return k_nan;
  }
  double sum = 0;
  for (std::size_t i = end - n; i < end; ++i) {
    sum += true_range(high, low, close, i);
  }
  return sum / static_cast<double>(n);
}

double median_of_window(std::span<const double> values, std::size_t end, std::size_t n,
                        std::span<double> scratch) {
  if (n == 0 || end < n || end > values.size() || scratch.size() < n) {
    return k_nan;
  }
  const auto window = values.subspan(end - n, n);
  std::copy(window.begin(), window.end(), scratch.begin());
  const auto first = scratch.begin();
  const auto middle = first + static_cast<std::ptrdiff_t>(n / 2);
  const auto last = first + static_cast<std::ptrdiff_t>(n);
  std::nth_element(first, middle, last);
  const double upper = *middle;
  if (n % 2 == 1) {
    return upper;
  }
  const double lower = *std::max_element(first, middle);
  return (lower + upper) / 2;
}

} // namespace crew::scan
