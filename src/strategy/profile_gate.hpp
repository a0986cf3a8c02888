#pragma once
// ProfileGate: what the asset-class profile adds to every strategy (design.md section 5): no
// signal before warmup_bars() bars, the entry volume condition volume_t ≥ volume_weight ·
// SMA(volume_period)(volume)_t, and ATR(atr_periods) for the stop. Entries also need that ATR
// to be defined. Cheap to update: three O(1) steps and no allocation.
#include "config/config.hpp"
#include "core/bar.hpp"
#include "indicators/atr.hpp"
#include "indicators/sma.hpp"

#include <algorithm>
#include <cstddef>

namespace crew::strategy {

class ProfileGate {
public:
  // `indicator_warmup`: bars the strategy's own indicators need before its rules are defined.
  ProfileGate(const config::AssetProfile& profile, std::size_t volume_period,
              std::size_t indicator_warmup)
      : m_volume_sma(volume_period),
        m_atr(static_cast<std::size_t>(std::max(1, profile.atr_periods))),
        m_volume_weight(profile.volume_weight),
        m_warmup(
            std::max({static_cast<std::size_t>(std::max(0, profile.min_bars_required)),
                      indicator_warmup, m_volume_sma.warmup_length(), m_atr.warmup_length()})) {}

  void update(const core::Bar& bar) {
    ++m_bars;
    m_volume = bar.volume;
    m_volume_sma.update(bar.volume);
    m_atr.update(bar.high, bar.low, bar.close);
  }

  bool signals_allowed() const { return m_bars >= m_warmup; }
  // volume_t ≥ volume_weight · SMA(volume)_t; false while the volume SMA is undefined.
  bool volume_ok() const { return m_volume >= m_volume_weight * m_volume_sma.value(); }
  bool entry_allowed() const { return volume_ok() && m_atr.ready(); }

  double atr() const { return m_atr.value(); }
  double volume() const { return m_volume; }
  double volume_sma() const { return m_volume_sma.value(); }
  double volume_weight() const { return m_volume_weight; }
  std::size_t volume_period() const { return m_volume_sma.period(); }
  std::size_t atr_periods() const { return m_atr.period(); }
  std::size_t bars_seen() const { return m_bars; }
  std::size_t warmup_bars() const { return m_warmup; }

  void reset() {
    m_volume_sma.reset();
    m_atr.reset();
    m_bars = 0;
    m_volume = 0;
  }

private:
  indicators::Sma m_volume_sma;
  indicators::Atr m_atr;
  double m_volume_weight;
  std::size_t m_warmup;
  std::size_t m_bars = 0;
  double m_volume = 0;
};

} // namespace crew::strategy
