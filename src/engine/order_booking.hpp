#pragma once
// Booking: what a final order means for the book, written exactly once. A filled entry opens the
// position (its strategy, the stop decided with it); a filled exit closes the round trip into the
// trade history and removes or shrinks the position. However the order was seen to end (its
// POST answer, a tick's lookup, its fills, or a restart's reconciliation after it filled while
// crew was down), the booking happens in one place, in one transaction with the order's
// booked_at mark, so a crash can neither lose it nor do it twice.
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/time.hpp"
#include "state/state_store.hpp"

#include <functional>
#include <string>

namespace crew::engine {

// Setting key prefix of the stop distance decided with an entry order (+ its client_order_id),
// written before the order is sent so that a restart between the order and its fill still
// protects the position: its stop is the entry's fill price less this distance (the backtester's
// rule, risk::stop_distance).
inline constexpr const char* k_entry_stop_distance_prefix = "entry_stop_distance.";
// The same for orders placed by earlier versions, which kept the stop price itself.
inline constexpr const char* k_entry_stop_prefix = "entry_stop.";

// The purpose of a protective stop order in the store (others: "entry", "exit"); a filled one is
// booked as the exit of its position, reason "stop".
inline constexpr const char* k_stop_purpose = "stop";

// The client_order_id of the protective stop of an entry decided on `decision_time`'s bar.
std::string stop_client_order_id(const core::Symbol& symbol, core::UtcTime decision_time);

struct BookingNote {
  bool trade = false; // a closed round trip; otherwise something to alert on
  core::AssetClass market = core::AssetClass::us_equity;
  std::string text;
};
using BookingListener = std::function<void(const BookingNote&)>;

// Books every final order not yet booked, oldest first. Returns how many had a consequence.
core::Result<int> book_final_orders(state::StateStore& store, core::UtcTime now,
                                    const BookingListener& listener);

} // namespace crew::engine
