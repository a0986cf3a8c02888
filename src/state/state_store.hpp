#pragma once
// StateStore: everything the trading loop must not forget, in one SQLite file (WAL, foreign keys,
// synchronous=FULL for orders, fills, trades, positions and settings). Orders are written before
// they are sent; fills and orders are idempotent by broker id and client_order_id so replays and
// restarts never duplicate. Time is always passed in: nothing here reads the clock.
// One connection guarded by a mutex; a second process (crew status) opens its own.
#include "state/database.hpp"
#include "state/records.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace crew::state {

struct StoreOptions {
  // false: synchronous=OFF, for simulations where a power cut does not matter (much faster).
  bool durable = true;
  // A reader beside the loop (the dashboard): the file must exist at the latest schema; every
  // write fails. WAL lets it read while the loop writes.
  bool read_only = false;
};

// Filters for order and trade listings; unset means "any".
struct RecordQuery {
  std::optional<core::AssetClass> market;
  std::optional<core::UtcTime> from; // inclusive (orders: created_at, trades: exit_time)
  std::optional<core::UtcTime> to;   // exclusive
  std::optional<std::string> symbol;
};

class StateStore {
public:
  // Opens or creates the file and migrates it to the latest schema.
  static core::Result<StateStore> open(const std::filesystem::path& file,
                                       StoreOptions options = {});
  StateStore(StateStore&&) noexcept;
  StateStore& operator=(StateStore&&) noexcept;
  ~StateStore();

  const std::filesystem::path& path() const;

  // Runs `body` in one transaction: every write inside commits together or not at all (nested
  // calls join it). The body's error rolls everything back and is returned.
  core::Status atomically(const std::function<core::Status()>& body);

  // --- orders (state_store_orders.cpp) ---
  // Inserts the order (normally sent = false, before sending). Returns false, changing nothing,
  // when its client_order_id is already stored.
  core::Result<bool> insert_order(const OrderRecord& record);
  // Records the broker's view of a stored order (id, status, fills, times) and marks it sent.
  // An unknown client_order_id is an error.
  core::Status update_order(const core::Order& order);
  // An order whose POST got no usable answer and that the broker did not know when asked: status
  // "unknown" from `at` (its submitted_at), looked up again until the broker has it.
  core::Status mark_unanswered(const std::string& client_order_id, core::UtcTime at);
  // Final orders whose consequence (an entry's position, an exit's trade) is not yet written,
  // oldest first; mark_booked records that it is, in the caller's transaction.
  core::Result<std::vector<OrderRecord>> unbooked_final_orders();
  core::Status mark_booked(const std::string& client_order_id, core::UtcTime at);
  core::Result<std::optional<OrderRecord>> find_order(const std::string& client_order_id);
  core::Result<std::optional<OrderRecord>> find_order_by_broker_id(const std::string& broker_id);
  // Unsent orders and sent ones not yet final, oldest first.
  core::Result<std::vector<OrderRecord>> open_orders();
  // Orders by creation time, oldest first.
  core::Result<std::vector<OrderRecord>> orders(const RecordQuery& query = {});

  // --- fills ---
  // Inserts the execution once: false when its id is already stored. Its order must be stored.
  // In the same transaction the order takes what its fills say when they say more than it does:
  // filled_qty and filled_avg_price from the sum of its fills, status filled once they cover
  // its quantity, else partially_filled (reopened if it was final: the broker went on), and
  // sent with the fill's broker order id (an intent or unknown order did reach the broker).
  core::Result<bool> insert_fill(const core::Fill& fill);
  // Fills with time ≥ from, oldest first.
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime from);
  core::Result<std::vector<core::Fill>> fills_of_order(const std::string& client_order_id);

  // --- trades and positions (state_store_trades.cpp) ---
  // Inserts the round trip once per (entry, exit) client_order_id pair: false when present.
  core::Result<bool> insert_trade(const TradeRecord& trade);
  // Trades by exit time, oldest first.
  core::Result<std::vector<TradeRecord>> trades(const RecordQuery& query = {});
  // The same trades' symbol, times and pnl only, for those with exit time >= from (the risk
  // inputs, read every tick: a narrow read of the exit_time index range).
  core::Result<std::vector<TradeOutcome>> trade_outcomes(core::UtcTime from);
  // Per market trade count, wins and total pnl (markets without trades are absent).
  core::Result<std::vector<MarketPerformance>> market_performance(const RecordQuery& query = {});

  // Inserts or replaces the position of record.position.symbol.
  core::Status upsert_position(const PositionRecord& record);
  core::Status remove_position(const core::Symbol& symbol);
  core::Result<std::optional<PositionRecord>> find_position(const core::Symbol& symbol);
  core::Result<std::vector<PositionRecord>> positions();
  // Mirrors the broker's positions: updates the broker fields of known ones (keeping strategy and
  // stop), inserts unknown ones with strategy "unknown", removes those the broker no longer has.
  core::Status sync_positions(const std::vector<core::Position>& broker_positions,
                              core::UtcTime at);

  // --- operations: api calls, heartbeats, events (state_store_ops.cpp) ---
  core::Status record_api_call(const ApiCall& call);
  // Calls with time in [from, to).
  core::Result<std::int64_t> count_api_calls(core::UtcTime from, core::UtcTime to);
  core::Status record_heartbeat(core::UtcTime at);
  // Fraction of [from, to) covered by heartbeats: each beat covers up to `tolerance` after it
  // (normally twice the tick), so regular ticks give 1.0 and every longer gap is downtime.
  core::Result<Uptime> uptime(core::UtcTime from, core::UtcTime to, core::Duration tolerance);
  core::Result<std::optional<core::UtcTime>> last_heartbeat();
  core::Status record_event(const Event& event);
  // Events with time in [from, to), oldest first; optionally one kind only.
  core::Result<std::vector<Event>> events(core::UtcTime from, core::UtcTime to,
                                          std::optional<EventKind> kind = std::nullopt);
  core::Result<std::optional<Event>> last_event(EventKind kind);

  // --- history: equity curve and scans (state_store_history.cpp) ---
  // Records the equity at `at` (one point per tick; a second call at the same time replaces it).
  core::Status record_equity(core::UtcTime at, core::Decimal equity);
  // Points with time in [from, to), oldest first. With max_points > 0 and more points than that,
  // an evenly spaced subset of at most max_points that keeps the first and the last.
  core::Result<std::vector<EquityPoint>> equity_curve(core::UtcTime from, core::UtcTime to,
                                                      std::size_t max_points = 0);
  // Stores one scan with its ranked results (in the given order); returns its id.
  core::Result<std::int64_t> record_scan(const ScanRecord& scan);
  // The most recent scan (of `market` when given), with its results.
  core::Result<std::optional<ScanRecord>>
  latest_scan(std::optional<core::AssetClass> market = std::nullopt);

  // --- settings (state_store_settings.cpp) ---
  core::Status set_setting(const std::string& key, const std::string& value, core::UtcTime at);
  core::Result<std::optional<std::string>> setting(const std::string& key);
  core::Result<HaltState> halt_state();
  core::Status set_halted(const std::string& reason, core::UtcTime at);
  core::Status clear_halt(core::UtcTime at);
  core::Result<std::optional<core::Decimal>> high_water_mark();
  // Raises the high-water mark to `equity` if higher (or sets the first); returns the new mark.
  core::Result<core::Decimal> update_high_water_mark(core::Decimal equity, core::UtcTime at);
  // Equity at the start of `market`'s trading day `day` (US: New York session date; crypto: UTC).
  core::Result<std::optional<core::Decimal>> daily_start_equity(core::AssetClass market,
                                                                std::chrono::sys_days day);
  // Records it once per market and day: the first value sticks. Returns the stored value.
  core::Result<core::Decimal> ensure_daily_start_equity(core::AssetClass market,
                                                        std::chrono::sys_days day,
                                                        core::Decimal equity, core::UtcTime at);
  core::Result<std::int64_t> max_open_positions_seen();
  // Raises the "max open positions seen" counter to `open_positions` if higher.
  core::Status note_open_positions(std::int64_t open_positions, core::UtcTime at);

  // --- backup (backup.cpp) ---
  // Copies the whole database to `file` with SQLite's online backup (consistent while in use).
  core::Status backup_to(const std::filesystem::path& file);

private:
  struct Impl;
  explicit StateStore(std::unique_ptr<Impl> impl);
  // insert_fill's order update (see there), inside its transaction.
  core::Status absorb_fills(const std::string& client_order_id, const std::string& broker_id);
  std::unique_ptr<Impl> m_impl;
};

// Backs `store` up into <backup_dir>/state-YYYYMMDDTHHMMSSZ.db (the UTC time `at`) and deletes
// the oldest such files beyond `keep`. Returns the new file.
core::Result<std::filesystem::path> backup_state(StateStore& store,
                                                 const std::filesystem::path& backup_dir,
                                                 core::UtcTime at, int keep = 10);

} // namespace crew::state
