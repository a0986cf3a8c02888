#pragma once
// RsiBreakout (`rsi`, alias rsi_breakout): entry when RSI(14) crosses above 60 (≤ 60 at t−1,
// > 60 at t) with the volume condition and a defined ATR; exit when it crosses below 40 (≥ 40 at
// t−1, < 40 at t). A crossing needs RSI defined at both t−1 and t.
#include "config/config.hpp"
#include "core/result.hpp"
#include "indicators/rsi.hpp"
#include "strategy/profile_gate.hpp"
#include "strategy/strategy.hpp"

#include <limits>

namespace crew::strategy {

struct RsiBreakoutParams {
  std::size_t period = 14;
  double entry_level = 60;
  double exit_level = 40;
  std::size_t volume_period = 20;

  // Defaults overridden by config.params["rsi"] / ["rsi_breakout"].
  static core::Result<RsiBreakoutParams> from_config(const config::StrategyConfig& config);
};

class RsiBreakout final : public Strategy {
public:
  static constexpr std::string_view k_name = "rsi";
  static constexpr std::string_view k_alias = "rsi_breakout";

  RsiBreakout(const RsiBreakoutParams& params, const config::AssetProfile& profile);

  std::string_view name() const override { return k_name; }
  std::vector<Parameter> parameters() const override;
  std::size_t warmup_bars() const override { return m_gate.warmup_bars(); }

  // The rules at this bar's close without the reason text (the backtester's hot path).
  SignalFlags evaluate(const core::Bar& bar) {
    m_gate.update(bar);
    m_previous = m_rsi.value();
    const double current = m_rsi.update(bar.close);
    m_flags = SignalFlags{};
    if (m_gate.signals_allowed()) {
      // NaN compares false, so no crossing is seen before RSI is defined at t−1 and t.
      m_flags.exit = m_previous >= m_params.exit_level && current < m_params.exit_level;
      m_flags.entry = !m_flags.exit && m_previous <= m_params.entry_level &&
                      current > m_params.entry_level && m_gate.entry_allowed();
    }
    return m_flags;
  }
  // Why the latest evaluated bar signalled (empty when it did not).
  std::string reason() const;

  Signals on_bar(const core::Bar& bar) override {
    const SignalFlags flags = evaluate(bar);
    Signals signals{flags.entry, flags.exit, {}};
    if (flags.entry || flags.exit) {
      signals.reason = reason();
    }
    return signals;
  }

  double atr() const override { return m_gate.atr(); }
  std::size_t bars_seen() const override { return m_gate.bars_seen(); }
  void reset() override;

  double rsi() const { return m_rsi.value(); }

private:
  RsiBreakoutParams m_params;
  indicators::Rsi m_rsi;
  ProfileGate m_gate;
  double m_previous = std::numeric_limits<double>::quiet_NaN(); // RSI at t−1
  SignalFlags m_flags;
};

} // namespace crew::strategy
