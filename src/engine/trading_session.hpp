#pragma once
// TradingSession: one tick of the 24/7 loop (design.md section 8) as a list of named steps:
// heartbeat → halt flag → reconcile fills → account checks → market plan → manage positions →
// scan → entries. It decides with the scheduler, the scanner, the strategies and the risk
// manager; it writes every order to the state store before sending it through the Broker port.
// The steps live in files by concern: trading_session_orders.cpp (orders, fills, trades) and
// trading_session_positions.cpp (stops, exits, halts, risk actions).
#include "backtest/strategy_order.hpp"
#include "broker/broker.hpp"
#include "broker/market_data.hpp"
#include "config/config.hpp"
#include "engine/clock.hpp"
#include "engine/order_booking.hpp"
#include "engine/scheduler.hpp"
#include "risk/risk_manager.hpp"
#include "scan/scanner.hpp"
#include "state/state_store.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace crew::engine {

// A line worth showing the user as it happens (the app prints market switches; --json streams).
struct SessionNotice {
  enum class Kind { market_switch, scan, order, fill, trade, refusal, alert, halt, strategies };
  Kind kind = Kind::alert;
  core::UtcTime time;
  std::optional<core::AssetClass> market;
  std::string text;
};
std::string_view to_string(SessionNotice::Kind kind);

struct SessionSetup {
  // Symbols scanned per market.
  std::map<core::AssetClass, std::vector<core::Symbol>> universe;
  // The order in which each market's strategies are tried (backtest::strategy_order: the stored
  // ranking of `crew backtest --all`, or the default order); a market missing here uses the
  // default order. Announced (a `strategies` notice) before the market's first scan.
  std::map<core::AssetClass, backtest::StrategyOrder> strategy_orders;
  std::function<void(const SessionNotice&)> on_notice;
  // Protective stops rest at the broker as orders (execution::protective_stop: a stop for an
  // equity, a stop-limit for crypto) placed once an entry is booked, so they fill by the fill
  // rules the backtester uses. Off: the stop is polled each tick against the latest price and
  // exits with a market order. On for SimBroker venues (--sim, --dry-run); --paper and --live
  // poll until stops at Alpaca exist (docs/parity.md row 3).
  bool resting_stops = false;
};

// Counters for the end-of-run summary.
struct SessionStats {
  std::int64_t ticks = 0;
  std::int64_t scans = 0;
  std::int64_t orders = 0;
  std::int64_t refusals = 0;
  std::int64_t market_switches = 0;
  std::map<core::AssetClass, std::int64_t> entries;
};

class TradingSession {
public:
  TradingSession(const config::Config& config, Clock& clock, broker::Broker& broker,
                 broker::MarketData& data, state::StateStore& store, SessionSetup setup);

  // One tick at clock.now(). An error is a failure the loop cannot trade through (the store).
  core::Status tick();

  // After the last tick: one more round of fills, order lookups and booking, so the store ends
  // the session as close to the broker as it can.
  core::Status settle(core::UtcTime now);

  const SessionStats& stats() const { return m_stats; }
  // The risk manager's view at `now` (equity, high-water mark, daily losses, halt), for alerts.
  core::Result<risk::RiskState> risk_snapshot(core::UtcTime now) { return risk_state(now); }
  // The market the last tick worked (none before the first tick).
  std::optional<core::AssetClass> current_market() const { return m_scheduler.current_market(); }

private:
  // --- trading_session.cpp ---
  core::Status heartbeat(core::UtcTime now);
  core::Status refresh_account(core::UtcTime now);
  void note_market_plan(const TickPlan& plan, core::UtcTime now);
  void announce_strategy_order(core::AssetClass market, core::UtcTime now);
  core::Status scan_and_enter(const TickPlan& plan, core::UtcTime now);
  core::Status try_entry(const scan::Opportunity& opportunity, core::AssetClass market,
                         core::UtcTime now);
  scan::StrategyFactory strategies_of(core::AssetClass market) const;
  void notify(SessionNotice::Kind kind, core::UtcTime now, std::optional<core::AssetClass> market,
              const std::string& text);

  // --- trading_session_orders.cpp ---
  // Writes the order (status "intent"), sends it, records the answer; returns the order if sent.
  core::Result<std::optional<core::Order>>
  place(const core::OrderRequest& request, const std::string& strategy, const std::string& purpose,
        const std::string& reason, core::UtcTime decided, core::UtcTime now);
  // Stores new fills, looks up every open order, then books the final ones.
  core::Status reconcile_fills(core::UtcTime now);
  core::Status refresh_open_orders(core::UtcTime now);
  // Books final orders; with resting stops, first records the stops attached entries released.
  core::Status book(core::UtcTime now);
  core::Status book_orders(core::UtcTime now);

  // --- trading_session_positions.cpp ---
  core::Status handle_halt(core::UtcTime now);
  // With `crew stop --flatten`: exits every position whose market is open, tick after tick, until
  // the store holds none.
  core::Status flatten_while_halted(core::UtcTime now);
  core::Status apply_risk_actions(const std::vector<risk::RiskAction>& actions, core::UtcTime now);
  core::Status manage_positions(const TickPlan& plan, core::UtcTime now);
  core::Status exit_position(const state::PositionRecord& position, const std::string& reason,
                             core::UtcTime now);
  // Places the resting stop of a position that has none yet (SessionSetup::resting_stops); true
  // when one rests at the broker for it.
  core::Result<bool> protect(const state::PositionRecord& position,
                             const std::vector<state::OrderRecord>& open, core::UtcTime now);
  // Records the stop the venue placed when the entry filled (attach_stop), with its fills; true
  // when it still rests.
  core::Result<bool> adopt_stop(const state::PositionRecord& position, const core::Order& stop,
                                core::UtcTime decided, core::UtcTime now);
  // adopt_stop for every held position whose attached stop the store does not know yet; true
  // when one of them is already final (filled in its entry's bar) and needs booking.
  core::Result<bool> adopt_attached_stops(core::UtcTime now);
  // The decision time a position's stop client_order_id is made from (its entry's).
  core::Result<core::UtcTime> stop_decision_time(const state::PositionRecord& position);
  // Cancels the position's resting stop before another exit; false when it could not be
  // canceled (it may have filled: the exit waits for the next tick's booking).
  core::Result<bool> cancel_stop(const core::Symbol& symbol, core::UtcTime now);
  core::Status close_market(std::optional<core::AssetClass> market, const std::string& reason,
                            core::UtcTime now);
  core::Result<risk::RiskState> risk_state(core::UtcTime now);

  const config::Config& m_config;
  Clock& m_clock;
  broker::Broker& m_broker;
  broker::MarketData& m_data;
  state::StateStore& m_store;
  SessionSetup m_setup;
  Scheduler m_scheduler;
  risk::RiskManager m_risk;
  SessionStats m_stats;

  core::Account m_account;
  std::vector<core::Position> m_positions;
  std::map<std::string, double> m_prices;
  std::map<core::AssetClass, std::chrono::sys_days> m_market_day;
  std::map<std::string, core::UtcTime> m_last_exit_bar; // symbol → last bar checked for exits
  std::optional<core::UtcTime> m_fills_checked;         // fills up to here are stored
  // The manipulation filter's flags of each market's latest scan (symbol → reason), for the risk
  // rule that refuses entries in flagged symbols.
  std::map<core::AssetClass, std::map<std::string, std::string>> m_flagged;
  std::set<core::AssetClass> m_strategies_announced;
  bool m_halt_handled = false;
  bool m_account_fresh = false; // this tick read the account and positions from the broker
};

} // namespace crew::engine
