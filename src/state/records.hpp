#pragma once
// The rows of the state store as values: what the engine writes and `crew status/trades/orders`
// read. Broker facts reuse the core types (Order, Fill, Position); these add what only we know
// (the strategy, the decision, the stop, why a trade ended).
#include "core/asset_class.hpp"
#include "core/decimal.hpp"
#include "core/order.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crew::state {

// An order as we keep it. `sent` is false from the moment we decide (the row is written BEFORE the
// order goes out, status text "intent") until the broker answers; then order.status is the
// broker's. After a crash, unsent rows are looked up at the broker by client_order_id.
// `unanswered` marks an order whose POST got no usable answer and that the broker did not know
// when asked (status text "unknown"): it may still reach the broker (a request held past our
// timeout), so it is neither placed nor rejected; every tick and every restart looks it up until
// the broker has it or a grace period has passed with the broker still not knowing it.
struct OrderRecord {
  core::Order order;
  bool sent = false;
  bool unanswered = false; // with sent == false
  std::string strategy;
  std::string purpose = "entry"; // entry | exit
  std::string reason;            // the strategy's signal or the exit reason
  core::UtcTime decision_time;   // the bar the decision was taken on

  core::AssetClass market() const { return order.symbol.asset_class(); }
  // Unsent, or sent and not final: it may still fill.
  bool is_open() const { return !sent || core::is_open(order.status); }
  // The status as stored and shown: "intent", "unknown", or the broker's status.
  std::string status_text() const;
  bool operator==(const OrderRecord&) const = default;
};

// One closed round trip (long only), as `crew trades` shows it. pnl is net of fees.
struct TradeRecord {
  std::int64_t id = 0; // assigned by the store
  core::AssetClass market = core::AssetClass::us_equity;
  core::Symbol symbol;
  std::string strategy;
  std::string entry_client_order_id;
  std::string exit_client_order_id;
  core::UtcTime entry_time;
  core::UtcTime exit_time;
  core::Decimal entry_price;
  core::Decimal exit_price;
  core::Decimal qty;
  core::Decimal pnl;
  core::Decimal fees;
  std::string exit_reason; // signal, stop, session_close, daily_loss, drawdown, stop_all, …

  bool operator==(const TradeRecord&) const = default;
};

// The broker's position plus how we opened it.
struct PositionRecord {
  core::Position position;
  std::string strategy;
  std::string entry_client_order_id;
  core::UtcTime opened_at;
  std::optional<core::Decimal> stop_price;
  core::UtcTime updated_at;

  core::AssetClass market() const { return position.symbol.asset_class(); }
  bool operator==(const PositionRecord&) const = default;
};

// Per-market results from the trade history (market rotation's performance score).
struct MarketPerformance {
  core::AssetClass market = core::AssetClass::us_equity;
  std::int64_t trades = 0;
  std::int64_t wins = 0; // pnl > 0 after fees
  core::Decimal total_pnl;

  double win_rate() const {
    return trades == 0 ? 0.0 : static_cast<double>(wins) / static_cast<double>(trades);
  }
  core::Decimal average_pnl() const {
    return trades == 0 ? core::Decimal{} : total_pnl / core::Decimal::from_int(trades);
  }
  bool operator==(const MarketPerformance&) const = default;
};

// What the risk rules need of a closed trade: StateStore::trade_outcomes reads only this, for the
// two weeks of trades the loop loads every tick.
struct TradeOutcome {
  core::Symbol symbol;
  core::UtcTime entry_time;
  core::UtcTime exit_time;
  core::Decimal pnl; // net of fees

  bool operator==(const TradeOutcome&) const = default;
};

struct ApiCall {
  core::UtcTime time;
  std::string endpoint; // e.g. "GET /v2/account"
  int http_status = 200;

  bool operator==(const ApiCall&) const = default;
};

enum class EventKind { market_switch, halt, resume, alert, risk_refusal, reconcile };
inline constexpr std::array<EventKind, 6> k_event_kinds = {
    EventKind::market_switch, EventKind::halt,         EventKind::resume,
    EventKind::alert,         EventKind::risk_refusal, EventKind::reconcile};
// "market_switch", "halt", "resume", "alert", "risk_refusal", "reconcile".
std::string_view to_string(EventKind kind);
core::Result<EventKind> parse_event_kind(std::string_view text);

struct Event {
  std::int64_t id = 0; // assigned by the store
  core::UtcTime time;
  EventKind kind = EventKind::alert;
  std::optional<core::AssetClass> market;
  std::string message;

  bool operator==(const Event&) const = default;
};

// The halt flag (drawdown halt or `crew stop`); only `crew resume` clears it.
struct HaltState {
  bool halted = false;
  std::string reason;
  std::optional<core::UtcTime> since;

  bool operator==(const HaltState&) const = default;
};

// The account equity at one tick (the dashboard's equity curve).
struct EquityPoint {
  core::UtcTime time;
  core::Decimal equity;

  bool operator==(const EquityPoint&) const = default;
};

// One ranked result of a scan: what the scanner proposed and why.
struct ScanEntry {
  std::string symbol;
  std::string strategy;
  double score = 0;
  double close = 0;
  std::string reason;

  bool operator==(const ScanEntry&) const = default;
};

// One scan of a market as the loop ran it: when, how many symbols, the signals best first.
struct ScanRecord {
  std::int64_t id = 0; // assigned by the store
  core::UtcTime time;
  core::AssetClass market = core::AssetClass::crypto;
  std::int64_t symbols_scanned = 0;
  std::vector<ScanEntry> ranked;

  bool operator==(const ScanRecord&) const = default;
};

// Uptime over a window, from the heartbeat gaps.
struct Uptime {
  double fraction = 0; // covered time / window length
  std::int64_t heartbeats = 0;
  core::Duration longest_gap{0};
};

} // namespace crew::state
