#pragma once
// TripleMa (`3ma`, alias triple_ma): entry when SMA_fast > SMA_mid > SMA_slow at close t and not
// at t−1 (an ordering with an undefined SMA counts as "not"), plus the volume condition and a
// defined ATR; exit when SMA_fast < SMA_mid. Defaults 10/20/50. Concrete and final so the
// backtester can template on it and inline on_bar.
#include "config/config.hpp"
#include "core/result.hpp"
#include "indicators/sma.hpp"
#include "strategy/profile_gate.hpp"
#include "strategy/strategy.hpp"

namespace crew::strategy {

struct TripleMaParams {
  std::size_t fast_period = 10;
  std::size_t mid_period = 20;
  std::size_t slow_period = 50;
  std::size_t volume_period = 20;

  // Defaults overridden by config.params["3ma"] / ["triple_ma"].
  static core::Result<TripleMaParams> from_config(const config::StrategyConfig& config);
};

class TripleMa final : public Strategy {
public:
  static constexpr std::string_view k_name = "3ma";
  static constexpr std::string_view k_alias = "triple_ma";

  TripleMa(const TripleMaParams& params, const config::AssetProfile& profile);

  std::string_view name() const override { return k_name; }
  std::vector<Parameter> parameters() const override;
  std::size_t warmup_bars() const override { return m_gate.warmup_bars(); }

  // The rules at this bar's close without the reason text (the backtester's hot path).
  SignalFlags evaluate(const core::Bar& bar) {
    m_gate.update(bar);
    const double fast = m_fast.update(bar.close);
    const double mid = m_mid.update(bar.close);
    const double slow = m_slow.update(bar.close);
    const bool aligned = fast > mid && mid > slow; // false while any SMA is NaN
    const bool was_aligned = m_was_aligned;
    m_was_aligned = aligned;
    m_flags = SignalFlags{};
    if (m_gate.signals_allowed()) {
      m_flags.exit = fast < mid;
      m_flags.entry = !m_flags.exit && aligned && !was_aligned && m_gate.entry_allowed();
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

  double fast_sma() const { return m_fast.value(); }
  double mid_sma() const { return m_mid.value(); }
  double slow_sma() const { return m_slow.value(); }

private:
  std::string entry_reason() const;
  std::string exit_reason() const;

  TripleMaParams m_params;
  indicators::Sma m_fast;
  indicators::Sma m_mid;
  indicators::Sma m_slow;
  ProfileGate m_gate;
  bool m_was_aligned = false;
  SignalFlags m_flags;
};

} // namespace crew::strategy
