#pragma once
// RiskManager: checks every proposed order against the rules of design.md section 7 before it is
// sent, and the account as a whole on every tick (drawdown halt, daily loss limits). It decides
// and logs; acting on its verdicts (alerting, closing, halting, persisting) is the engine's job.
#include "config/config.hpp"
#include "risk/risk_rules.hpp"
#include "risk/risk_state.hpp"

#include <vector>

namespace crew::risk {

class RiskManager {
public:
  explicit RiskManager(RiskLimits limits) : m_limits(limits) {}
  // The limits of [risk] plus [strategy] max_position_fraction.
  explicit RiskManager(const config::Config& config);

  const RiskLimits& limits() const { return m_limits; }

  // The first rule `request` breaks at `now`, if any, with any actions that rule calls for (a
  // drawdown halt, a market's daily loss). Refusals are logged. Exits — sells that close (part
  // of) a held position — are checked only for shape, duplicates and an open market.
  RiskVerdict check_order(const RiskState& state, const core::OrderRequest& request,
                          core::UtcTime now) const;

  // Account-wide checks for every tick, independent of any order: a halt when the drawdown
  // limit is reached (unless already halted), and for each market with a position or a trade
  // today whose daily loss limit is hit, an alert or a close of its positions. Each is logged.
  std::vector<RiskAction> check_account(const RiskState& state, core::UtcTime now) const;

  // Whether new entries into `market` are blocked today by its daily loss limit.
  bool daily_loss_hit(const RiskState& state, core::AssetClass market, core::UtcTime now) const;

private:
  RiskLimits m_limits;
};

} // namespace crew::risk
