#pragma once
// Small statistics over bar columns that the scan needs at one point in a series (a median
// volume, a mean true range): the filter and the score look at windows ending at a bar, not at
// whole streaming indicators, so these take spans and an end index and allocate nothing.
#include <cstddef>
#include <span>

namespace crew::scan {

// True range of bar i (i ≥ 1): max(high−low, |high−close_{i−1}|, |low−close_{i−1}|); bar 0 has
// only high−low.
double true_range(std::span<const double> high, std::span<const double> low,
                  std::span<const double> close, std::size_t i);

// Mean of values[end−n, end); NaN when end < n or n == 0.
double mean_of_window(std::span<const double> values, std::size_t end, std::size_t n);

// Mean true range of bars [end−n, end); NaN when end < n or n == 0 (bar 0 uses high−low).
double mean_true_range(std::span<const double> high, std::span<const double> low,
                       std::span<const double> close, std::size_t end, std::size_t n);

// Median of values[end−n, end) (the mean of the middle two for even n); NaN when end < n or
// n == 0. `scratch` must hold at least n doubles.
double median_of_window(std::span<const double> values, std::size_t end, std::size_t n,
                        std::span<double> scratch);

} // namespace crew::scan
