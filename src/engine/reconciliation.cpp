// Reconciliation: before the first tick of a session, the state store and the broker must tell
// the same story, or the loop does not trade.
//
// The rules, in order:
// 1. Orders. Every order the store holds as open (an "intent" written before sending, or a sent
//    order not yet final) is looked up at the broker by its client_order_id, which is
//    deterministic and unique, so the lookup is exact.
//    - An intent the broker has: the process died between sending and recording the answer. The
//      broker's view is adopted (status, broker id, fills).
//    - An intent the broker has never seen: the process died before sending. It is marked
//      canceled; the decision may be taken again with a new bar, never resent blindly.
//    - A sent order the broker has: its status is brought up to date.
//    - An unanswered order (sent, no usable answer): adopted if the broker has it; if not, it
//      waits within its grace period and is settled as never placed after it (order_absence.hpp).
//    - A sent order the broker does not know: unexplainable (the store says the broker
//      accepted it). A problem.
// 2. Fills. The broker's fills of the last 7 days for orders we know are stored once each (the
//    execution id deduplicates). Fills of orders we do not know are someone else's (a manual
//    order in the web UI): they show up in the positions, rule 3.
//    Then every final order not yet booked is booked (order_booking.hpp): an entry that filled
//    while crew was down gets its position with strategy and stop, an exit its trade.
// 3. Positions. After 1 and 2, every broker position must be one the store holds, or be explained
//    by a filled order of ours for that symbol; a store position the broker does not have must be
//    explained by a filled sell of ours. Otherwise a problem: someone traded the account behind
//    our back, or the store is from another account. Quantities are then mirrored from the
//    broker (the broker is the truth for what is held; the store keeps why).
// Problems are returned, one line each saying why; the caller records an alert and refuses to
// trade until a human looks (crew positions / crew orders show both sides).
#include "engine/reconciliation.hpp"

#include "engine/order_absence.hpp"
#include "engine/order_booking.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

namespace crew::engine {

namespace {

// Symbols with an order of ours of `side` (any time) that filled, or that is still open at the
// broker: either explains a position change. An open one counts because the venue moves on
// between our requests: an order looked up as accepted may have filled by the time the positions
// are read (seen in the crash test against a fast-running fake_alpaca); the loop's next order
// refresh records that fill.
core::Result<std::set<std::string>> filled_symbols(state::StateStore& store, core::Side side) {
  auto orders = store.orders();
  if (!orders) {
    return orders.error();
  }
  std::set<std::string> out;
  for (const auto& record : *orders) {
    const bool traded =
        record.order.filled_qty > core::Decimal{} || core::is_open(record.order.status);
    if ((record.sent || record.unanswered) && record.order.side == side && traded) {
      out.insert(record.order.symbol.str());
    }
  }
  return out;
}

} // namespace

core::Result<ReconcileReport> reconcile(state::StateStore& store, broker::Broker& broker,
                                        core::UtcTime now, core::Duration unanswered_grace) {
  ReconcileReport report;
  auto open = store.open_orders();
  if (!open) {
    return open.error();
  }
  for (const auto& record : *open) {
    const auto& cid = record.order.client_order_id;
    auto found = broker.order_by_client_id(cid);
    if (!found) {
      report.problems.push_back("cannot look up order " + cid + ": " + found.error().message());
      continue;
    }
    if (!found->has_value()) {
      auto absence = settle_absent_order(store, record, now, unanswered_grace);
      if (!absence) {
        return absence.error();
      }
      switch (*absence) {
      case Absence::contradiction:
        report.problems.push_back("order " + cid + " was accepted but the broker does not know it");
        break;
      case Absence::waiting:
        ++report.waiting;
        break;
      case Absence::settled_never_placed:
        ++report.not_sent;
        break;
      }
      continue;
    }
    if (auto updated = store.update_order(**found); !updated) {
      return updated.error();
    }
    ++(record.sent ? report.updated : report.adopted);
  }

  auto fills = broker.fills_since(now - std::chrono::hours{24 * 7});
  if (!fills) {
    return fills.error();
  }
  for (const auto& fill : *fills) {
    auto known = store.find_order(fill.client_order_id);
    if (!known) {
      return known.error();
    }
    if (!known->has_value()) {
      continue;
    }
    auto inserted = store.insert_fill(fill);
    if (!inserted) {
      return inserted.error();
    }
    report.fills += *inserted ? 1 : 0;
  }
  auto booked = book_final_orders(
      store, now, [](const BookingNote& note) { spdlog::info("reconcile: {}", note.text); });
  if (!booked) {
    return booked.error();
  }
  report.booked = *booked;

  auto positions = broker.positions();
  if (!positions) {
    return positions.error();
  }
  auto stored = store.positions();
  if (!stored) {
    return stored.error();
  }
  auto bought = filled_symbols(store, core::Side::buy);
  auto sold = filled_symbols(store, core::Side::sell);
  if (!bought || !sold) {
    return core::Error{"cannot read the stored orders", "reconcile"};
  }
  std::set<std::string> held;
  for (const auto& p : *positions) {
    held.insert(p.symbol.str());
    const bool known = std::any_of(stored->begin(), stored->end(),
                                   [&](const auto& s) { return s.position.symbol == p.symbol; });
    if (!known && !bought->contains(p.symbol.str())) {
      report.problems.push_back(fmt::format("the broker holds {} {} that no order of ours bought",
                                            p.qty.to_string(), p.symbol.str()));
    }
  }
  for (const auto& s : *stored) {
    if (!held.contains(s.position.symbol.str()) && !sold->contains(s.position.symbol.str())) {
      report.problems.push_back(fmt::format("the store holds {} {} but the broker has no position",
                                            s.position.qty.to_string(), s.position.symbol.str()));
    }
  }
  if (report.ok()) {
    if (auto synced = store.sync_positions(*positions, now); !synced) {
      return synced.error();
    }
  }
  spdlog::info("reconcile: {} adopted, {} not sent, {} waiting, {} updated, {} fills, {} booked, "
               "{} problems",
               report.adopted, report.not_sent, report.waiting, report.updated, report.fills,
               report.booked, report.problems.size());
  return report;
}

} // namespace crew::engine
