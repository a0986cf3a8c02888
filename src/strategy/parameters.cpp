#include "strategy/parameters.hpp"

#include <cmath>
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

core::Status apply_section(std::string_view section, std::string_view canonical,
                           const config::StrategyConfig& config, std::span<ParameterSpec> specs) {
  const auto found = config.params.find(std::string(section));
  if (found == config.params.end()) {
    return {};
  }
  const std::string where = "strategy.params." + std::string(section);
  for (const auto& [key, value] : found->second) {
    ParameterSpec* target = nullptr;
    for (auto& spec : specs) {
      if (spec.key == key) {
        target = &spec;
      }
    }
    if (target == nullptr) {
      return core::Error{"unknown parameter '" + key + "' for strategy " + std::string(canonical) +
                             " (known: " + known_keys(specs) + ")",
                         where};
    }
    if (!std::isfinite(value) || value < target->min ||
        (target->whole && value != std::floor(value))) {
      return core::Error{"parameter '" + key + "' of strategy " + std::string(canonical) +
                             " must be " + (target->whole ? "a whole number" : "a number") + " ≥ " +
                             std::to_string(static_cast<long long>(target->min)),
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
