#pragma once
// Health: a plain snapshot of how the loop is doing, filled by the engine every tick and read by
// the alert rules. Every part is optional: a part left unset means "not observed by this caller",
// and the rules that need it neither raise nor resolve anything. So a watchdog thread can report
// only the last loop time while the loop reports everything else.
#include "core/asset_class.hpp"
#include "core/decimal.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "risk/risk_rules.hpp"
#include "state/state_store.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crew::alerts {

// Requests to the outside (broker, market data) over [alerts] error_window_seconds.
struct RequestCounts {
  std::int64_t requests = 0;
  std::int64_t errors = 0; // transport failures and HTTP 429/5xx answers
};

struct ApiUse {
  std::int64_t calls_last_minute = 0;
  std::int64_t limit_per_minute = 0; // [alpaca] requests_per_minute
};

struct EquityMark {
  core::Decimal equity;
  core::Decimal high_water_mark;
};

struct HaltFlag {
  bool halted = false;
  std::string reason;
};

struct Health {
  std::optional<RequestCounts> requests;
  std::optional<ApiUse> api;
  std::optional<EquityMark> equity;
  // Markets observed, each with whether its daily loss limit is hit now.
  std::map<core::AssetClass, bool> daily_loss_limit_hit;
  std::optional<HaltFlag> halt;
  // The last reconciliation's unexplained mismatches (empty: it matched).
  std::optional<std::vector<std::string>> reconciliation_mismatches;
  // When the loop last completed a tick, on the AlertMonitor's clock (real time): the stall
  // watchdog's to fill, never the loop's (whose heartbeats are on the session's clock).
  std::optional<core::UtcTime> last_loop_time;
};

// Fills equity, halt and the daily-loss flags of US_EQUITY and CRYPTO from the risk snapshot the
// engine builds each tick, judged by the same rules as the risk manager.
void add_risk_facts(Health& health, const risk::RiskState& state, const risk::RiskLimits& limits,
                    core::UtcTime now);

// Fills API calls in [now − 1 min, now) against `requests_per_minute` and the halt flag (unless
// already set) from the state store; `now` is the session's time, the clock the store's records
// are on. The last heartbeat is not a fact for the rules: it is on the session's clock, and stalls
// are judged on the monitor's (StallWatchdog).
core::Status add_store_facts(Health& health, state::StateStore& store,
                             std::int64_t requests_per_minute, core::UtcTime now);

} // namespace crew::alerts
