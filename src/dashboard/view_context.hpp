#pragma once
// ViewContext: one request's view of the world for the JSON views — the read-only state store,
// the settings, the wall clock and the live loop's snapshot — and the "now" the views use: the
// loop's clock when it is live, else the last heartbeat of a simulated session, else the wall.
#include "dashboard/live_snapshot.hpp"
#include "dashboard/server_settings.hpp"
#include "state/state_store.hpp"
#include "state/stop_request.hpp"

#include <optional>

namespace crew::dashboard {

struct ViewContext {
  state::StateStore& store;
  const ServerSettings& settings;
  core::UtcTime wall_now;
  std::optional<LiveSnapshot> live;
  core::UtcTime now;
};

inline ViewContext make_view_context(state::StateStore& store, const ServerSettings& settings,
                                     core::UtcTime wall_now, std::optional<LiveSnapshot> live) {
  const auto now = live ? live->now : state::flag_time(store, wall_now);
  return ViewContext{store, settings, wall_now, std::move(live), now};
}

// The wall-clock time of the loop's last tick: the live loop's own, else the last heartbeat of a
// real-time session; nullopt for a simulation without a live loop, whose heartbeats are
// simulated times.
inline core::Result<std::optional<core::UtcTime>> last_tick_wall_time(ViewContext& context) {
  if (context.live) {
    return context.live->last_tick_wall;
  }
  auto mode = context.store.setting("session.mode");
  if (!mode) {
    return mode.error();
  }
  if (mode->value_or("") == "sim") {
    return std::optional<core::UtcTime>{};
  }
  return context.store.last_heartbeat();
}

} // namespace crew::dashboard
