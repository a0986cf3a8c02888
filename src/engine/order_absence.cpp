#include "engine/order_absence.hpp"

namespace crew::engine {

core::Result<Absence> settle_absent_order(state::StateStore& store,
                                          const state::OrderRecord& record, core::UtcTime now,
                                          core::Duration grace) {
  if (record.sent) {
    return Absence::contradiction;
  }
  if (record.unanswered && now - record.order.submitted_at < grace) {
    return Absence::waiting;
  }
  auto never = record.order;
  never.status = core::OrderStatus::canceled;
  never.canceled_at = now;
  never.updated_at = now;
  if (auto updated = store.update_order(never); !updated) {
    return updated.error();
  }
  return Absence::settled_never_placed;
}

} // namespace crew::engine
