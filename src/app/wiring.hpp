#pragma once
// Wiring: the one place mapping a trading mode to a concrete Clock, Broker and MarketData.
// --sim: SimClock + a simulated exchange replaying stored bars (engine/sim_replay.hpp: synthetic
// markets only with --synthetic or in a home with no real bars); --dry-run: Alpaca data + simulated
// fills; --paper: Alpaca's paper account; --live: real money, refused unless [alpaca]
// live_trading_confirmed is true.
#include "app/context.hpp"
#include "broker/broker.hpp"
#include "broker/market_data.hpp"
#include "engine/clock.hpp"
#include "engine/sim_venue.hpp"
#include "engine/trading_session.hpp"
#include "state/state_store.hpp"

#include <memory>

namespace crew::app {

enum class TradingMode { sim, dry_run, paper, live };
std::string_view to_string(TradingMode mode);

struct Wiring {
  // What the clock, data and broker use, so it must outlive them (the Alpaca clients): declared
  // first, destroyed last.
  std::shared_ptr<void> keep_alive;
  std::unique_ptr<engine::Clock> clock;
  std::unique_ptr<broker::MarketData> data;
  std::unique_ptr<broker::Broker> broker;
  std::map<core::AssetClass, std::vector<core::Symbol>> universe;
  // Called after every tick (the simulated exchange keeps its state in the store).
  std::function<core::Status(core::UtcTime)> after_tick;
  // Lines for the session header (--sim: which series each symbol replays).
  std::vector<std::string> header;
};

struct SessionRequest {
  TradingMode mode = TradingMode::sim;
  core::UtcTime start;
  core::UtcTime end;
  double pace = 0;          // --sim: simulated seconds per real second (0: as fast as possible)
  bool venue_clock = false; // --dry-run/--paper/--live: time from the broker's clock, not ours
  std::vector<core::Symbol> symbols; // --symbols: trade only these (empty: the universe)
  bool synthetic = false;            // --sim --synthetic: generated markets, not stored history
};

// Whether the request is one to carry out at all, before anything is opened or sent: --live
// without [alpaca] live_trading_confirmed, an Alpaca mode without keys, a trading URL the mode
// refuses (the paper/live guard). Its errors are bad input; wire()'s own are failures (the
// network, the stores), which for the Alpaca modes may pass (retry_start_up).
core::Status check_request(const AppContext& context, const SessionRequest& request);

// check_request(), then the mode's clock, broker and data.
core::Result<Wiring> wire(const AppContext& context, const SessionRequest& request,
                          state::StateStore& store);
// The Alpaca modes (wiring_alpaca.cpp), the request already checked.
core::Result<Wiring> wire_alpaca(const AppContext& context, const SessionRequest& request,
                                 state::StateStore& store);

// The simulated exchange of --sim and --dry-run: its costs from the asset-class profiles, and its
// state kept in the store under `key` between sessions.
broker::SimBrokerSettings sim_broker_settings(const config::Config& config);
core::Status restore_sim_state(state::StateStore& store, const std::string& key,
                               engine::SimVenue& venue);
std::function<core::Status(core::UtcTime)>
save_sim_state(state::StateStore& store, const std::string& key, const engine::SimVenue& venue);

} // namespace crew::app
