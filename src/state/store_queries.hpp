#pragma once
// The SQL of the state store's reads that the trading loop makes every tick, as the store runs
// them: shared with the tests that check SQLite answers them from an index (EXPLAIN QUERY PLAN)
// rather than by reading every row the home has ever stored. Internal to crew_state.
#include "state/state_store.hpp"

#include <string>
#include <string_view>

namespace crew::state {

// StateStore::trades(query) and orders(query): only the filters that are set, so a window
// ranges over the exit_time / created_at index.
std::string trades_sql(const RecordQuery& query);
// StateStore::trade_outcomes(from).
std::string trade_outcomes_sql();
std::string orders_sql(const RecordQuery& query);
// StateStore::open_orders() and unbooked_final_orders(): answered from partial indexes.
std::string open_orders_sql();
std::string unbooked_orders_sql();

} // namespace crew::state
