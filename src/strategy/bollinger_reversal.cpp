#include "strategy/bollinger_reversal.hpp"

#include "strategy/parameters.hpp"
#include "strategy/signal_reason.hpp"

#include <array>

namespace crew::strategy {

core::Result<BollingerReversalParams>
BollingerReversalParams::from_config(const config::StrategyConfig& config) {
  const BollingerReversalParams defaults;
  std::array specs{
      ParameterSpec{"period", static_cast<double>(defaults.period), true, 1},
      ParameterSpec{"num_std", defaults.num_std, false, 0},
      ParameterSpec{"volume_period", static_cast<double>(defaults.volume_period), true, 1},
  };
  if (auto status =
          apply_overrides(BollingerReversal::k_name, BollingerReversal::k_alias, config, specs);
      !status) {
    return status.error();
  }
  return BollingerReversalParams{as_count(specs[0]), specs[1].value, as_count(specs[2])};
}

BollingerReversal::BollingerReversal(const BollingerReversalParams& params,
                                     const config::AssetProfile& profile)
    : m_params(params), m_bands(params.period, params.num_std),
      m_gate(profile, params.volume_period, params.period + 1) {}

std::vector<Parameter> BollingerReversal::parameters() const {
  return {{"period", static_cast<double>(m_params.period)},
          {"num_std", m_params.num_std},
          {"volume_period", static_cast<double>(m_params.volume_period)}};
}

void BollingerReversal::reset() {
  m_bands.reset();
  m_gate.reset();
  m_close = std::numeric_limits<double>::quiet_NaN();
  m_previous_close = std::numeric_limits<double>::quiet_NaN();
  m_previous_lower = std::numeric_limits<double>::quiet_NaN();
  m_flags = SignalFlags{};
}

std::string BollingerReversal::reason() const {
  if (m_flags.exit) {
    return ReasonText()
        .text("close ")
        .number(m_close)
        .text(" >= middle ")
        .number(bands().middle)
        .take();
  }
  if (m_flags.entry) {
    return ReasonText()
        .text("close ")
        .number(m_close)
        .text(" >= lower ")
        .number(bands().lower)
        .text(" after close ")
        .number(m_previous_close)
        .text(" < lower ")
        .number(m_previous_lower)
        .entry_conditions(m_gate)
        .take();
  }
  return {};
}

} // namespace crew::strategy
