#include "strategy/macd_crossover.hpp"

#include "strategy/parameters.hpp"
#include "strategy/signal_reason.hpp"

#include <array>

namespace crew::strategy {

core::Result<MacdCrossoverParams>
MacdCrossoverParams::from_config(const config::StrategyConfig& config) {
  const MacdCrossoverParams defaults;
  std::array specs{
      ParameterSpec{"fast_period", static_cast<double>(defaults.fast_period), true, 1},
      ParameterSpec{"slow_period", static_cast<double>(defaults.slow_period), true, 1},
      ParameterSpec{"signal_period", static_cast<double>(defaults.signal_period), true, 1},
      ParameterSpec{"volume_period", static_cast<double>(defaults.volume_period), true, 1},
  };
  if (auto status = apply_overrides(MacdCrossover::k_name, MacdCrossover::k_alias, config, specs);
      !status) {
    return status.error();
  }
  return MacdCrossoverParams{as_count(specs[0]), as_count(specs[1]), as_count(specs[2]),
                             as_count(specs[3])};
}

MacdCrossover::MacdCrossover(const MacdCrossoverParams& params, const config::AssetProfile& profile)
    : m_params(params), m_macd(params.fast_period, params.slow_period, params.signal_period),
      m_gate(profile, params.volume_period, m_macd.warmup_length() + 1) {}

std::vector<Parameter> MacdCrossover::parameters() const {
  return {{"fast_period", static_cast<double>(m_params.fast_period)},
          {"slow_period", static_cast<double>(m_params.slow_period)},
          {"signal_period", static_cast<double>(m_params.signal_period)},
          {"volume_period", static_cast<double>(m_params.volume_period)}};
}

void MacdCrossover::reset() {
  m_macd.reset();
  m_gate.reset();
  m_previous = indicators::MacdValue{};
  m_flags = SignalFlags{};
}

std::string MacdCrossover::reason() const {
  if (!m_flags.exit && !m_flags.entry) {
    return {};
  }
  ReasonText text;
  text.text("macd ")
      .number(macd().macd)
      .text(m_flags.exit ? " crossed below signal " : " crossed above signal ")
      .number(macd().signal)
      .text(" (was ")
      .number(m_previous.macd)
      .text(" vs ")
      .number(m_previous.signal)
      .text(")");
  if (m_flags.entry) {
    text.entry_conditions(m_gate);
  }
  return text.take();
}

} // namespace crew::strategy
