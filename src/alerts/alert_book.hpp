#pragma once
// AlertBook: what the AlertMonitor must not forget across a restart — the open episodes (so a
// restart does not raise them again) and the alerts not yet delivered to every sink (so a crash
// does not lose them). Kept as one JSON value in the state store's settings, key "alerts.book",
// written only when it changes.
#include "alerts/alert.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "state/state_store.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crew::alerts {

inline constexpr const char* k_alert_book_setting = "alerts.book";

// A condition that started and has not ended yet.
struct Episode {
  std::string key;
  std::string rule;
  Severity severity = Severity::warning;
  core::UtcTime since;
  std::string message;                      // as raised
  std::optional<core::UtcTime> clear_since; // the condition has been clear since then

  bool operator==(const Episode&) const = default;
};

// An alert still owed to some sinks.
struct Delivery {
  Alert alert;
  std::vector<std::string> pending; // sink names
  int attempts = 0;                 // failed attempts so far
  core::UtcTime next_attempt;

  bool operator==(const Delivery&) const = default;
};

struct AlertBook {
  std::map<std::string, Episode> open; // by key
  std::vector<Delivery> outbox;        // oldest first

  bool operator==(const AlertBook&) const = default;
};

std::string to_json(const AlertBook& book);
core::Result<AlertBook> parse_alert_book(std::string_view json);

// The stored book, or an empty one when none is stored.
core::Result<AlertBook> load_alert_book(state::StateStore& store);
core::Status save_alert_book(state::StateStore& store, const AlertBook& book, core::UtcTime at);

} // namespace crew::alerts
