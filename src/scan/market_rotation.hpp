#pragma once
// MarketRotation: which market the 24/7 loop works now, how often it scans it, and what happens
// next (design.md section 8). Design.md lists it under engine; it lives in scan because
// `crew scan --market auto` needs it and scan sits below engine. Pure: time is a parameter.
#include "config/config.hpp"
#include "core/asset_class.hpp"
#include "core/time.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace crew::scan {

// A market's record from the trade history (closed round trips, net of fees).
struct MarketPerformance {
  int trades = 0;
  int wins = 0;
  double total_profit = 0; // account currency
  double average_profit() const { return trades > 0 ? total_profit / trades : 0.0; }
};

// The rotation's score of a market in [0, 1]; exactly 0.5 with no history. See the essay atop
// market_rotation.cpp for the formula.
double performance_score(const MarketPerformance& performance);

struct RotationDecision {
  core::AssetClass market = core::AssetClass::crypto;
  std::string reason;
  core::Duration scan_interval{};
};

enum class TransitionKind { us_open, close_us_positions, us_close };

// "us_open", "close_us_positions", "us_close".
std::string_view to_string(TransitionKind kind);

struct Transition {
  core::UtcTime time;
  TransitionKind kind = TransitionKind::us_open;
  core::AssetClass next_market = core::AssetClass::us_equity; // the market chosen from `time` on
  std::string what;                                           // what the loop does at `time`
};

using PerformanceByMarket = std::map<core::AssetClass, MarketPerformance>;

class MarketRotation {
public:
  MarketRotation(config::SchedulerConfig scheduler, bool trade_forex);

  // The market to work at `t`: US_EQUITY while its session is open, else the best-scoring active
  // market (FOREX competes only when forex trading is enabled; ties go to CRYPTO), else CRYPTO.
  RotationDecision choose(core::UtcTime t, const PerformanceByMarket& performance = {}) const;

  // How often `market` is scanned at `t`.
  core::Duration scan_interval(core::AssetClass market, core::UtcTime t) const;

  // The next US open, close-US-positions moment or US close strictly after `t`.
  Transition next_transition(core::UtcTime t, const PerformanceByMarket& performance = {}) const;

  // Whether `hour` (UTC) lies in the busy crypto window [start, end), which may wrap midnight.
  bool in_crypto_busy_window(int hour) const;

private:
  config::SchedulerConfig m_scheduler;
  bool m_trade_forex = false;
};

} // namespace crew::scan
