#pragma once
// Named strategy parameters and their overrides from [strategy.params.<name>] (config.hpp).
// A strategy lists its parameters with defaults and limits; the overrides found under its
// canonical name or its alias replace them, and an unknown key is an error naming it.
#include "config/config.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <limits>
#include <span>
#include <string_view>

namespace crew::strategy {

// The largest whole-number parameter (a period): as many bars as a profile may require.
inline constexpr double k_max_period = 100'000;

// One parameter: its key, its value (the default until overridden), and its limits.
struct ParameterSpec {
  std::string_view key;
  double value = 0;
  bool whole = false; // must be a whole number (periods), at most k_max_period
  double min = 0;     // inclusive lower bound
  double max = std::numeric_limits<double>::max(); // inclusive upper bound
};

// Replaces spec values by the overrides in config.params[alias] then config.params[canonical]
// (the canonical section wins). Errors name the strategy and the offending key, whose path
// (strategy.params.<section>.<key>) is their `where`.
core::Status apply_overrides(std::string_view canonical, std::string_view alias,
                             const config::StrategyConfig& config, std::span<ParameterSpec> specs);

// A whole-number parameter value as a count (after apply_overrides has checked it).
std::size_t as_count(const ParameterSpec& spec);

} // namespace crew::strategy
