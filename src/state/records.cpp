#include "state/records.hpp"

#include <string>

namespace crew::state {

std::string OrderRecord::status_text() const {
  if (sent) {
    return std::string(core::to_string(order.status));
  }
  return unanswered ? "unknown" : "intent";
}

std::string_view to_string(EventKind kind) {
  switch (kind) {
  case EventKind::market_switch:
    return "market_switch";
  case EventKind::halt:
    return "halt";
  case EventKind::resume:
    return "resume";
  case EventKind::alert:
    return "alert";
  case EventKind::risk_refusal:
    return "risk_refusal";
  case EventKind::reconcile:
    return "reconcile";
  }
  return "unknown";
}

core::Result<EventKind> parse_event_kind(std::string_view text) {
  for (EventKind kind : k_event_kinds) {
    if (text == to_string(kind)) {
      return kind;
    }
  }
  return core::Error{"unknown event kind '" + std::string(text) + "'", ""};
}

} // namespace crew::state
