#pragma once
// Scheduler: turns the market rotation into what one tick must do: which market is worked, whether
// it just changed (a market switch), whether a scan is due (on the rotation's interval grid), and
// the transitions of design.md section 8 (close US positions 5 minutes before the close, no new
// US entries then; at the US open, crypto positions held or closed per configuration).
#include "config/config.hpp"
#include "core/asset_class.hpp"
#include "core/time.hpp"
#include "scan/market_rotation.hpp"

#include <optional>
#include <string>

namespace crew::engine {

struct TickPlan {
  core::AssetClass market = core::AssetClass::crypto;
  std::optional<core::AssetClass> switched_from; // set when the market changed at this tick
  std::string reason;                            // the rotation's reason
  core::Duration scan_interval{};
  bool scan_due = false;
  bool close_us_positions = false;     // inside the last minutes before the US close
  bool close_crypto_positions = false; // US open with crypto_at_us_open = close
  bool entries_allowed = true;         // new entries in `market`
};

class Scheduler {
public:
  Scheduler(config::SchedulerConfig config, bool trade_forex);

  // What the tick at `now` does. Ticks must come in time order; a scan counts as done once
  // planned (the session always runs a due scan).
  TickPlan plan(core::UtcTime now, const scan::PerformanceByMarket& performance = {});

  std::optional<core::AssetClass> current_market() const { return m_market; }

private:
  config::SchedulerConfig m_config;
  scan::MarketRotation m_rotation;
  std::optional<core::AssetClass> m_market;
  std::optional<core::UtcTime> m_next_scan;
};

// Whether `now` lies in the last `minutes_before` minutes of an NYSE session (12:55 on early
// close days with the default 5).
bool in_us_closing_window(core::UtcTime now, int minutes_before);

} // namespace crew::engine
