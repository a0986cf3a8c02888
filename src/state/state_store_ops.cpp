// The operational record: API calls (quota use for `crew status`), heartbeats (uptime) and events
// (market switches, halts, alerts, risk refusals, reconciliations). Routine durability: losing the
// last second of these in a power cut harms nothing, and the loop writes them every tick.
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"

#include <algorithm>

namespace crew::state {
namespace {

Event read_event(Statement& s) {
  Event e;
  e.id = s.integer(0);
  e.time = s.time(1);
  auto kind = parse_event_kind(s.text(2));
  if (!kind) {
    s.note_column_error(core::Error{"malformed stored event kind: " + kind.error().what, "events"});
  } else {
    e.kind = *kind;
  }
  if (!s.is_null(3)) {
    auto market = core::parse_asset_class(s.text(3));
    if (!market) {
      s.note_column_error(core::Error{"malformed stored market: " + market.error().what, "events"});
    } else {
      e.market = *market;
    }
  }
  e.message = s.text(4);
  return e;
}

constexpr std::string_view k_event_select = "SELECT id, time, kind, market, message FROM events ";

} // namespace

core::Status StateStore::record_api_call(const ApiCall& call) {
  return m_impl->write(Durability::routine, [&]() {
    return run_statement(m_impl->db,
                         "INSERT INTO api_calls (time, endpoint, http_status) VALUES (?,?,?)",
                         [&](Statement& s) {
                           s.bind(1, call.time).bind(2, call.endpoint).bind(3, call.http_status);
                         });
  });
}

core::Result<std::int64_t> StateStore::count_api_calls(core::UtcTime from, core::UtcTime to) {
  const std::lock_guard lock(m_impl->mutex);
  auto rows = query_rows<std::int64_t>(
      m_impl->db, "SELECT COUNT(*) FROM api_calls WHERE time >= ? AND time < ?",
      [&](Statement& s) { s.bind(1, from).bind(2, to); },
      [](Statement& s) { return s.integer(0); });
  if (!rows) {
    return rows.error();
  }
  return rows->empty() ? 0 : rows->front();
}

core::Status StateStore::record_heartbeat(core::UtcTime at) {
  return m_impl->write(Durability::routine, [&]() {
    return run_statement(m_impl->db, "INSERT OR IGNORE INTO heartbeats (time) VALUES (?)",
                         [&](Statement& s) { s.bind(1, at); });
  });
}

core::Result<Uptime> StateStore::uptime(core::UtcTime from, core::UtcTime to,
                                        core::Duration tolerance) {
  std::vector<core::UtcTime> beats;
  {
    const std::lock_guard lock(m_impl->mutex);
    auto rows = query_rows<core::UtcTime>(
        m_impl->db, "SELECT time FROM heartbeats WHERE time >= ? AND time < ? ORDER BY time",
        [&](Statement& s) { s.bind(1, from - tolerance).bind(2, to); },
        [](Statement& s) { return s.time(0); });
    if (!rows) {
      return rows.error();
    }
    beats = std::move(*rows);
  }
  Uptime result;
  if (to <= from) {
    return result;
  }
  core::Duration covered{0};
  core::UtcTime cursor = from; // everything before it is already counted
  core::UtcTime previous = from;
  for (core::UtcTime beat : beats) {
    const core::UtcTime start = std::max(beat, cursor);
    const core::UtcTime end = std::min(beat + tolerance, to);
    if (end > start) {
      covered += end - start;
    }
    cursor = std::max(cursor, end);
    if (beat >= from) {
      ++result.heartbeats;
      result.longest_gap = std::max(result.longest_gap, beat - previous);
      previous = beat;
    }
  }
  result.longest_gap = std::max(result.longest_gap, to - previous);
  result.fraction = static_cast<double>(covered.count()) / static_cast<double>((to - from).count());
  return result;
}

core::Result<std::optional<core::UtcTime>> StateStore::last_heartbeat() {
  const std::lock_guard lock(m_impl->mutex);
  auto rows = query_rows<core::UtcTime>(
      m_impl->db, "SELECT time FROM heartbeats ORDER BY time DESC LIMIT 1", [](Statement&) {},
      [](Statement& s) { return s.time(0); });
  if (!rows) {
    return rows.error();
  }
  if (rows->empty()) {
    return std::optional<core::UtcTime>{};
  }
  return std::optional<core::UtcTime>{rows->front()};
}

core::Status StateStore::record_event(const Event& event) {
  return m_impl->write(Durability::routine, [&]() {
    return run_statement(
        m_impl->db, "INSERT INTO events (time, kind, market, message) VALUES (?,?,?,?)",
        [&](Statement& s) {
          s.bind(1, event.time).bind(2, to_string(event.kind));
          event.market ? s.bind(3, core::to_string(*event.market)) : s.bind_null(3);
          s.bind(4, event.message);
        });
  });
}

core::Result<std::vector<Event>> StateStore::events(core::UtcTime from, core::UtcTime to,
                                                    std::optional<EventKind> kind) {
  const std::lock_guard lock(m_impl->mutex);
  return query_rows<Event>(
      m_impl->db,
      std::string(k_event_select) +
          "WHERE time >= ?1 AND time < ?2 AND (?3 IS NULL OR kind = ?3) ORDER BY time, id",
      [&](Statement& s) {
        s.bind(1, from).bind(2, to);
        kind ? s.bind(3, to_string(*kind)) : s.bind_null(3);
      },
      read_event);
}

core::Result<std::optional<Event>> StateStore::last_event(EventKind kind) {
  const std::lock_guard lock(m_impl->mutex);
  auto rows = query_rows<Event>(
      m_impl->db,
      std::string(k_event_select) + "WHERE kind = ? ORDER BY time DESC, id DESC LIMIT 1",
      [&](Statement& s) { s.bind(1, to_string(kind)); }, read_event);
  if (!rows) {
    return rows.error();
  }
  if (rows->empty()) {
    return std::optional<Event>{};
  }
  return std::optional<Event>{rows->front()};
}

} // namespace crew::state
