#pragma once
// MacdCrossover (`macd`, alias macd_crossover): entry when the macd line crosses above its
// signal line (macd ≤ signal at t−1, macd > signal at t) with the volume condition and a defined
// ATR; exit when it crosses below (≥ at t−1, < at t). Defaults MACD(12, 26, 9).
#include "config/config.hpp"
#include "core/result.hpp"
#include "indicators/macd.hpp"
#include "strategy/profile_gate.hpp"
#include "strategy/strategy.hpp"

namespace crew::strategy {

struct MacdCrossoverParams {
  std::size_t fast_period = 12;
  std::size_t slow_period = 26;
  std::size_t signal_period = 9;
  std::size_t volume_period = 20;

  // Defaults overridden by config.params["macd"] / ["macd_crossover"].
  static core::Result<MacdCrossoverParams> from_config(const config::StrategyConfig& config);
};

class MacdCrossover final : public Strategy {
public:
  static constexpr std::string_view k_name = "macd";
  static constexpr std::string_view k_alias = "macd_crossover";

  MacdCrossover(const MacdCrossoverParams& params, const config::AssetProfile& profile);

  std::string_view name() const override { return k_name; }
  std::vector<Parameter> parameters() const override;
  std::size_t warmup_bars() const override { return m_gate.warmup_bars(); }

  // The rules at this bar's close without the reason text (the backtester's hot path).
  SignalFlags evaluate(const core::Bar& bar) {
    m_gate.update(bar);
    m_previous = m_macd.value();
    const indicators::MacdValue& current = m_macd.update(bar.close);
    m_flags = SignalFlags{};
    if (m_gate.signals_allowed()) {
      // NaN compares false: no crossing until both lines are defined at t−1 and t.
      m_flags.exit = m_previous.macd >= m_previous.signal && current.macd < current.signal;
      m_flags.entry = !m_flags.exit && m_previous.macd <= m_previous.signal &&
                      current.macd > current.signal && m_gate.entry_allowed();
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

  const indicators::MacdValue& macd() const { return m_macd.value(); }

private:
  MacdCrossoverParams m_params;
  indicators::Macd m_macd;
  ProfileGate m_gate;
  indicators::MacdValue m_previous; // the lines at t−1
  SignalFlags m_flags;
};

} // namespace crew::strategy
