#pragma once
// What it means when the broker says it does not know an open order of ours, asked by its
// client_order_id (deterministic, unique, so the answer is exact):
// - an intent (written, the POST never finished: the process died): it never reached the broker
//   and never will; settled as canceled, and the decision may be taken again on a new bar;
// - an unanswered order (POSTed, no usable answer, not known when asked): the POST may still
//   reach the broker (held by a proxy or a slow network past our timeout), so it waits: looked up
//   again each tick and at each restart, and settled as canceled (never placed, never
//   "rejected") only when `grace` has passed since it was sent with the broker still not knowing
//   it; should it arrive even later, its fills reopen it (StateStore::insert_fill);
// - an acknowledged order: a contradiction (the broker accepted it once), reported, not changed.
#include "core/time.hpp"
#include "state/state_store.hpp"

namespace crew::engine {

enum class Absence { waiting, settled_never_placed, contradiction };

core::Result<Absence> settle_absent_order(state::StateStore& store,
                                          const state::OrderRecord& record, core::UtcTime now,
                                          core::Duration grace);

} // namespace crew::engine
