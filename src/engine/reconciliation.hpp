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
  int not_sent = 0; // intents the broker never saw: marked canceled
  int updated = 0;  // sent orders whose broker status moved on
  int fills = 0;    // fills newly stored
  std::vector<std::string> problems; // mismatches it cannot explain: trading must not start
  bool ok() const { return problems.empty(); }
};

core::Result<ReconcileReport> reconcile(state::StateStore& store, broker::Broker& broker,
                                        core::UtcTime now);

} // namespace crew::engine
