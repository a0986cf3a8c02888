#pragma once
// BollingerReversal (`bb`, alias bollinger_bands_reversal): entry when close_{t−1} < lower_{t−1}
// and close_t ≥ lower_t (a close back inside the lower band) with the volume condition and a
// defined ATR; exit when close_t ≥ middle_t. When both hold at one close, exit wins.
// Defaults Bollinger(20, 2).
#include "config/config.hpp"
#include "core/result.hpp"
#include "indicators/bollinger.hpp"
#include "strategy/profile_gate.hpp"
#include "strategy/strategy.hpp"

#include <limits>

namespace crew::strategy {

struct BollingerReversalParams {
  std::size_t period = 20;
  double num_std = 2.0;
  std::size_t volume_period = 20;

  // Defaults overridden by config.params["bb"] / ["bollinger_bands_reversal"].
  static core::Result<BollingerReversalParams> from_config(const config::StrategyConfig& config);
};

class BollingerReversal final : public Strategy {
public:
  static constexpr std::string_view k_name = "bb";
  static constexpr std::string_view k_alias = "bollinger_bands_reversal";

  BollingerReversal(const BollingerReversalParams& params, const config::AssetProfile& profile);

  std::string_view name() const override { return k_name; }
  std::vector<Parameter> parameters() const override;
  std::size_t warmup_bars() const override { return m_gate.warmup_bars(); }

  // The rules at this bar's close without the reason text (the backtester's hot path).
  SignalFlags evaluate(const core::Bar& bar) {
    m_gate.update(bar);
    m_previous_lower = m_bands.value().lower;
    m_previous_close = m_close;
    m_close = bar.close;
    const indicators::BollingerValue& bands = m_bands.update(bar.close);
    m_flags = SignalFlags{};
    if (m_gate.signals_allowed()) {
      m_flags.exit = bar.close >= bands.middle;
      m_flags.entry = !m_flags.exit && m_previous_close < m_previous_lower &&
                      bar.close >= bands.lower && m_gate.entry_allowed();
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

  const indicators::BollingerValue& bands() const { return m_bands.value(); }

private:
  BollingerReversalParams m_params;
  indicators::Bollinger m_bands;
  ProfileGate m_gate;
  double m_close = std::numeric_limits<double>::quiet_NaN();          // close_t
  double m_previous_close = std::numeric_limits<double>::quiet_NaN(); // close_{t−1}
  double m_previous_lower = std::numeric_limits<double>::quiet_NaN(); // lower_{t−1}
  SignalFlags m_flags;
};

} // namespace crew::strategy
