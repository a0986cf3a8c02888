#pragma once
// The session around the ticks: back the state up, reconcile with the broker (no trading on an
// unexplained mismatch), then tick every [scheduler] tick_seconds until the end time or a stop
// request (SIGTERM sets it; the loop ends between ticks). A session that runs for weeks backs up
// again after the first tick of each new UTC day (by the session's clock); a failed daily backup
// is logged and retried the next tick, it does not stop trading. After the last tick the session
// settles once more (fills, order lookups, booking), so the store ends as current as it can.
#include "engine/clock.hpp"
#include "engine/reconciliation.hpp"
#include "engine/trading_session.hpp"

#include <atomic>
#include <filesystem>
#include <functional>

namespace crew::engine {

struct LoopOptions {
  core::UtcTime end;
  core::Duration tick{std::chrono::seconds{60}};
  std::filesystem::path backup_dir; // empty: no backup
  int backups_to_keep = 10;
  const std::atomic<bool>* stop = nullptr;
  // How long an unanswered order may stay unknown to the broker ([alpaca]
  // unanswered_order_grace_seconds).
  core::Duration unanswered_grace{std::chrono::minutes{10}};
  // Runs after every tick with the clock's time (the simulated exchange saves its state).
  std::function<core::Status(core::UtcTime)> after_tick;
};

struct LoopResult {
  ReconcileReport reconcile;
  bool refused = false; // reconciliation found a mismatch: no tick ran
  bool interrupted = false;
  core::UtcTime started;
  core::UtcTime ended;
};

core::Result<LoopResult> run_loop(TradingSession& session, Clock& clock, broker::Broker& broker,
                                  state::StateStore& store, const LoopOptions& options);

} // namespace crew::engine
