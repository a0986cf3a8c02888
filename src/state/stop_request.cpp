#include "state/stop_request.hpp"

namespace crew::state {

core::Status request_stop(StateStore& store, bool flatten, core::UtcTime at,
                          const std::string& origin) {
  const std::string reason = flatten ? origin + " --flatten" : origin;
  return store.atomically([&]() -> core::Status {
    if (auto set = store.set_setting("stop.flatten", flatten ? "true" : "false", at); !set) {
      return set;
    }
    if (auto halted = store.set_halted(reason, at); !halted) {
      return halted;
    }
    return store.record_event(Event{0, at, EventKind::halt, std::nullopt, reason});
  });
}

core::Status request_resume(StateStore& store, core::UtcTime at, const std::string& origin) {
  return store.atomically([&]() -> core::Status {
    auto halt = store.halt_state();
    if (!halt) {
      return halt.error();
    }
    std::string text = origin;
    // A drawdown halt would come straight back at the next tick: resuming after one starts a new
    // high-water mark at the last known equity (design.md section 7: only a resume clears it).
    if (halt->halted && halt->reason.find("high-water mark") != std::string::npos) {
      auto equity = store.setting("account.equity");
      if (!equity) {
        return equity.error();
      }
      if (equity->has_value()) {
        if (auto set = store.set_setting("equity_high_water_mark", **equity, at); !set) {
          return set;
        }
        text += "; high-water mark reset to " + **equity;
      }
    }
    if (auto cleared = store.clear_halt(at); !cleared) {
      return cleared;
    }
    if (auto set = store.set_setting("stop.flatten", "false", at); !set) {
      return set;
    }
    return store.record_event(Event{0, at, EventKind::resume, std::nullopt, text});
  });
}

core::UtcTime flag_time(StateStore& store, core::UtcTime wall_now) {
  auto mode = store.setting("session.mode");
  auto last = store.last_heartbeat();
  if (mode && mode->has_value() && **mode == "sim" && last && last->has_value()) {
    return **last;
  }
  return wall_now;
}

} // namespace crew::state
