#include "engine/autonomous_loop.hpp"

#include <spdlog/spdlog.h>

#include <optional>

namespace crew::engine {

core::Result<LoopResult> run_loop(TradingSession& session, Clock& clock, broker::Broker& broker,
                                  state::StateStore& store, const LoopOptions& options) {
  static const std::atomic<bool> k_never{false};
  const auto& stop = options.stop != nullptr ? *options.stop : k_never;
  LoopResult result;
  result.started = clock.now();
  std::optional<std::chrono::sys_days> backed_up_on;
  const auto back_up = [&]() -> core::Status {
    const auto at = clock.now();
    auto backup = state::backup_state(store, options.backup_dir, at, options.backups_to_keep);
    if (!backup) {
      return backup.error();
    }
    backed_up_on = at.day();
    return {};
  };
  if (!options.backup_dir.empty()) {
    if (auto backed_up = back_up(); !backed_up) {
      return backed_up.error();
    }
  }
  auto report = reconcile(store, broker, clock.now(), options.unanswered_grace);
  if (!report) {
    return report.error();
  }
  result.reconcile = *report;
  if (!report->ok()) {
    for (const auto& problem : report->problems) {
      spdlog::error("alert: reconciliation refused to trade: {}", problem);
      if (auto recorded =
              store.record_event(state::Event{0, clock.now(), state::EventKind::alert, std::nullopt,
                                              "reconciliation refused to trade: " + problem});
          !recorded) {
        return recorded.error();
      }
    }
    result.refused = true;
    result.ended = clock.now();
    return result;
  }
  if (auto recorded = store.record_event(
          state::Event{0, clock.now(), state::EventKind::reconcile, std::nullopt,
                       "reconciled: " + std::to_string(report->adopted) + " adopted, " +
                           std::to_string(report->not_sent) + " not sent, " +
                           std::to_string(report->fills) + " fills"});
      !recorded) {
    return recorded.error();
  }
  const auto tick_ns = options.tick.count() > 0 ? options.tick.count() : 60'000'000'000;
  while (clock.now() < options.end && !stop.load()) {
    if (auto ticked = session.tick(); !ticked) {
      return ticked.error();
    }
    if (options.after_tick) {
      if (auto after = options.after_tick(clock.now()); !after) {
        return after.error();
      }
    }
    if (backed_up_on && clock.now().day() != *backed_up_on) {
      if (auto backed_up = back_up(); !backed_up) {
        spdlog::error("daily backup failed (trying again next tick): {}",
                      backed_up.error().message());
      }
    }
    const auto now = clock.now().ns();
    auto next = core::UtcTime::from_ns(now - (now % tick_ns) + tick_ns);
    clock.sleep_until(next < options.end ? next : options.end, stop);
  }
  result.interrupted = stop.load();
  if (auto settled = session.settle(clock.now()); !settled) {
    return settled.error();
  }
  result.ended = clock.now();
  return result;
}

} // namespace crew::engine
