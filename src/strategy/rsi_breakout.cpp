#include "strategy/rsi_breakout.hpp"

#include "strategy/parameters.hpp"
#include "strategy/signal_reason.hpp"

#include <array>

namespace crew::strategy {

core::Result<RsiBreakoutParams>
RsiBreakoutParams::from_config(const config::StrategyConfig& config) {
  const RsiBreakoutParams defaults;
  std::array specs{
      ParameterSpec{"period", static_cast<double>(defaults.period), true, 1},
      ParameterSpec{"entry_level", defaults.entry_level, false, 0, 100},
      ParameterSpec{"exit_level", defaults.exit_level, false, 0, 100},
      ParameterSpec{"volume_period", static_cast<double>(defaults.volume_period), true, 1},
  };
  if (auto status = apply_overrides(RsiBreakout::k_name, RsiBreakout::k_alias, config, specs);
      !status) {
    return status.error();
  }
  return RsiBreakoutParams{as_count(specs[0]), specs[1].value, specs[2].value, as_count(specs[3])};
}

RsiBreakout::RsiBreakout(const RsiBreakoutParams& params, const config::AssetProfile& profile)
    : m_params(params), m_rsi(params.period),
      m_gate(profile, params.volume_period, params.period + 2) {}

std::vector<Parameter> RsiBreakout::parameters() const {
  return {{"period", static_cast<double>(m_params.period)},
          {"entry_level", m_params.entry_level},
          {"exit_level", m_params.exit_level},
          {"volume_period", static_cast<double>(m_params.volume_period)}};
}

void RsiBreakout::reset() {
  m_rsi.reset();
  m_gate.reset();
  m_previous = std::numeric_limits<double>::quiet_NaN();
  m_flags = SignalFlags{};
}

std::string RsiBreakout::reason() const {
  if (!m_flags.exit && !m_flags.entry) {
    return {};
  }
  ReasonText text;
  text.text("rsi")
      .count(m_params.period)
      .text(" ")
      .number(rsi())
      .text(m_flags.exit ? " crossed below " : " crossed above ")
      .number(m_flags.exit ? m_params.exit_level : m_params.entry_level)
      .text(" (was ")
      .number(m_previous)
      .text(")");
  if (m_flags.entry) {
    text.entry_conditions(m_gate);
  }
  return text.take();
}

} // namespace crew::strategy
