#pragma once
// LiveSnapshot: what a running loop tells the dashboard that the state store cannot: its clock
// (simulated under --sim), the market it works right now, and when its last tick ran by the wall
// clock (for /health). `crew serve` beside a loop in another process has no snapshot and reads
// everything from the store.
#include "core/asset_class.hpp"
#include "core/time.hpp"

#include <functional>
#include <optional>
#include <string>

namespace crew::dashboard {

struct LiveSnapshot {
  std::string mode;                            // sim, dry_run, paper, live
  core::UtcTime now;                           // the loop's clock
  std::optional<core::AssetClass> market;      // the market worked at the last tick
  std::optional<core::UtcTime> last_tick;      // the loop's clock at the last tick
  std::optional<core::UtcTime> last_tick_wall; // the wall clock at the last tick
};

// Called from the server's threads, so it must be safe to call concurrently with the loop;
// nullopt when the loop has not ticked yet.
using LiveSource = std::function<std::optional<LiveSnapshot>()>;

} // namespace crew::dashboard
