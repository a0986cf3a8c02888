#include "strategy/triple_ma.hpp"

#include "strategy/parameters.hpp"
#include "strategy/signal_reason.hpp"

#include <algorithm>
#include <array>

namespace crew::strategy {

core::Result<TripleMaParams> TripleMaParams::from_config(const config::StrategyConfig& config) {
  const TripleMaParams defaults;
  std::array specs{
      ParameterSpec{"fast_period", static_cast<double>(defaults.fast_period), true, 1},
      ParameterSpec{"mid_period", static_cast<double>(defaults.mid_period), true, 1},
      ParameterSpec{"slow_period", static_cast<double>(defaults.slow_period), true, 1},
      ParameterSpec{"volume_period", static_cast<double>(defaults.volume_period), true, 1},
  };
  if (auto status = apply_overrides(TripleMa::k_name, TripleMa::k_alias, config, specs); !status) {
    return status.error();
  }
  return TripleMaParams{as_count(specs[0]), as_count(specs[1]), as_count(specs[2]),
                        as_count(specs[3])};
}

TripleMa::TripleMa(const TripleMaParams& params, const config::AssetProfile& profile)
    : m_params(params), m_fast(params.fast_period), m_mid(params.mid_period),
      m_slow(params.slow_period),
      m_gate(profile, params.volume_period,
             std::max({params.fast_period, params.mid_period, params.slow_period})) {}

std::vector<Parameter> TripleMa::parameters() const {
  return {{"fast_period", static_cast<double>(m_params.fast_period)},
          {"mid_period", static_cast<double>(m_params.mid_period)},
          {"slow_period", static_cast<double>(m_params.slow_period)},
          {"volume_period", static_cast<double>(m_params.volume_period)}};
}

void TripleMa::reset() {
  m_fast.reset();
  m_mid.reset();
  m_slow.reset();
  m_gate.reset();
  m_was_aligned = false;
  m_flags = SignalFlags{};
}

std::string TripleMa::reason() const {
  if (m_flags.exit) {
    return exit_reason();
  }
  return m_flags.entry ? entry_reason() : std::string();
}

std::string TripleMa::entry_reason() const {
  return ReasonText()
      .text("sma")
      .count(m_params.fast_period)
      .text(" ")
      .number(fast_sma())
      .text(" > sma")
      .count(m_params.mid_period)
      .text(" ")
      .number(mid_sma())
      .text(" > sma")
      .count(m_params.slow_period)
      .text(" ")
      .number(slow_sma())
      .text(" (newly aligned)")
      .entry_conditions(m_gate)
      .take();
}

std::string TripleMa::exit_reason() const {
  return ReasonText()
      .text("sma")
      .count(m_params.fast_period)
      .text(" ")
      .number(fast_sma())
      .text(" < sma")
      .count(m_params.mid_period)
      .text(" ")
      .number(mid_sma())
      .take();
}

} // namespace crew::strategy
