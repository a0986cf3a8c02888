#pragma once
// IndicatorPanel: the standard set `crew indicators` prints per bar, so anyone can check the
// numbers against another library: SMA10, EMA12, RSI14, MACD(12,26,9), Bollinger(20,2) and
// ATR14 of one series, each NaN while undefined.
#include "indicators/atr.hpp"
#include "indicators/bollinger.hpp"
#include "indicators/ema.hpp"
#include "indicators/macd.hpp"
#include "indicators/rsi.hpp"
#include "indicators/sma.hpp"

#include <array>
#include <string_view>

namespace crew::indicators {

struct PanelRow {
  double sma10, ema12, rsi14, macd, macd_signal, bb_mid, bb_up, bb_lo, atr14;

  std::array<double, 9> values() const {
    return {sma10, ema12, rsi14, macd, macd_signal, bb_mid, bb_up, bb_lo, atr14};
  }
};

// Column names in the order of PanelRow::values().
inline constexpr std::array<std::string_view, 9> k_panel_columns{
    "sma10", "ema12", "rsi14", "macd", "macd_signal", "bb_mid", "bb_up", "bb_lo", "atr14"};

class IndicatorPanel {
public:
  PanelRow update(double high, double low, double close) {
    const MacdValue& macd = m_macd.update(close);
    const BollingerValue& bands = m_bands.update(close);
    return {m_sma.update(close), m_ema.update(close), m_rsi.update(close),
            macd.macd,           macd.signal,         bands.middle,
            bands.upper,         bands.lower,         m_atr.update(high, low, close)};
  }
  void reset() {
    m_sma.reset();
    m_ema.reset();
    m_rsi.reset();
    m_macd.reset();
    m_bands.reset();
    m_atr.reset();
  }

private:
  Sma m_sma{10};
  Ema m_ema{12};
  Rsi m_rsi{14};
  Macd m_macd{12, 26, 9};
  Bollinger m_bands{20, 2.0};
  Atr m_atr{14};
};

} // namespace crew::indicators
