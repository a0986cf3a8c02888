#pragma once
// Start-of-session reconciliation of the state store with the broker (design.md section 8): the
// orders we wrote, the fills, the positions. See the essay atop reconciliation.cpp for the rules.
#include "broker/broker.hpp"
#include "state/state_store.hpp"

#include <string>
#include <vector>

namespace crew::engine {

struct ReconcileReport {
  int adopted = 0;  // intents the broker had received: adopted with the broker's view
  int not_sent = 0; // intents (and unanswered orders past their grace) the broker never saw
  int waiting = 0;  // unanswered orders the broker does not know yet, within their grace
  int booked = 0;   // final orders whose position or trade was written now (ended while down)
  int updated = 0;  // sent orders whose broker status moved on
  int fills = 0;    // fills newly stored
  std::vector<std::string> problems; // mismatches it cannot explain: trading must not start
  bool ok() const { return problems.empty(); }
};

// `unanswered_grace`: how long an unanswered order may stay unknown to the broker before it is
// settled as never placed ([alpaca] unanswered_order_grace_seconds).
core::Result<ReconcileReport> reconcile(state::StateStore& store, broker::Broker& broker,
                                        core::UtcTime now,
                                        core::Duration unanswered_grace = std::chrono::minutes{10});

} // namespace crew::engine
