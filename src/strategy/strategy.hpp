#pragma once
// Strategy: a long-only rule set fed one completed bar at a time (design.md section 5). It owns
// its indicators, the asset-class profile's volume condition and ATR, and says why a signal
// fired. It does no sizing, no ordering and no I/O: the backtester and the live loop do those
// with the same object, so a decision is the same in both.
#include "config/config.hpp"
#include "core/bar.hpp"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace crew::strategy {

struct Parameter {
  std::string name;
  double value = 0;
};

// What the latest bar's close says. Entry and exit can both be false; both true never happens
// (exit wins when the strategy's rules would allow both).
struct Signals {
  bool entry = false;
  bool exit = false;
  std::string reason; // the indicator values behind a signal, e.g. "rsi14 61.2 crossed above 60"
};

// The signals alone, without the reason text: what the concrete strategies' evaluate() returns
// so a templated backtest loop builds no string on the many bars whose signal it ignores.
struct SignalFlags {
  bool entry = false;
  bool exit = false;
};

class Strategy {
public:
  virtual ~Strategy() = default;

  // Canonical name: 3ma, rsi, macd, bb.
  virtual std::string_view name() const = 0;
  virtual std::vector<Parameter> parameters() const = 0;
  // Bars needed before any signal: max(profile.min_bars_required, the indicators' own warm-up).
  virtual std::size_t warmup_bars() const = 0;

  // Feeds the next completed bar (bars strictly increasing in time) and evaluates at its close.
  virtual Signals on_bar(const core::Bar& bar) = 0;
  // ATR(profile.atr_periods) after the latest bar; NaN while undefined. The stop distance is
  // stop_atr_mult · volatility_multiplier · atr().
  virtual double atr() const = 0;
  // Number of bars fed since construction or reset().
  virtual std::size_t bars_seen() const = 0;
  // Back to the state before the first bar.
  virtual void reset() = 0;
};

// How many bars the loop feeds a strategy before the bar it decides on, wherever it evaluates one
// (the scan, an entry, an exit check): four times its warm-up and at least 600, so that indicators
// with memory (EMAs, Wilder's averages) have settled and every evaluation of the same bar agrees.
// One length for all of them; the backtester feeds the whole range instead (docs/parity.md).
inline constexpr std::size_t k_min_feed_bars = 600;
inline std::size_t feed_bars(const Strategy& strategy) {
  return std::max(k_min_feed_bars, 4 * strategy.warmup_bars());
}

} // namespace crew::strategy
