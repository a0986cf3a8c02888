#include "strategy/parameters.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

namespace crew::strategy {
namespace {

std::string known_keys(std::span<const ParameterSpec> specs) {
  std::string keys;
  for (const auto& spec : specs) {
    keys += keys.empty() ? "" : ", ";
    keys += spec.key;
  }
  return keys;
}

std::string number_text(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

std::string describe_range(double min, double max) {
  if (max == std::numeric_limits<double>::max()) {
    return "≥ " + number_text(min);
  }
  return "from " + number_text(min) + " to " + number_text(max);
}

core::Status apply_section(std::string_view section, std::string_view canonical,
                           const config::StrategyConfig& config, std::span<ParameterSpec> specs) {
  const auto found = config.params.find(std::string(section));
  if (found == config.params.end()) {
    return {};
  }
  const std::string section_key = "strategy.params." + std::string(section);
  for (const auto& [key, value] : found->second) {
    ParameterSpec* target = nullptr;
    for (auto& spec : specs) {
      if (spec.key == key) {
        target = &spec;
      }
    }
    const std::string where = section_key + "." + key;
    if (target == nullptr) {
      return core::Error{"unknown parameter '" + core::printable(key) + "' for strategy " +
                             std::string(canonical) + " (known: " + known_keys(specs) + ")",
                         where};
    }
    const double max = target->whole ? std::min(target->max, k_max_period) : target->max;
    if (!std::isfinite(value) || value < target->min || value > max ||
        (target->whole && value != std::floor(value))) {
      return core::Error{"parameter '" + core::printable(key) + "' of strategy " +
                             std::string(canonical) + " must be " +
                             (target->whole ? "a whole number" : "a number") + " " +
                             describe_range(target->min, max) + ", not " + number_text(value),
                         where};
    }
    target->value = value;
  }
  return {};
}

} // namespace

core::Status apply_overrides(std::string_view canonical, std::string_view alias,
                             const config::StrategyConfig& config, std::span<ParameterSpec> specs) {
  if (auto status = apply_section(alias, canonical, config, specs); !status) {
    return status;
  }
  return apply_section(canonical, canonical, config, specs);
}

std::size_t as_count(const ParameterSpec& spec) {
  return static_cast<std::size_t>(spec.value);
}

} // namespace crew::strategy
