#pragma once
// Wiring: the one place mapping a trading mode to a concrete Clock, Broker and MarketData.
// --sim: SimClock + a simulated exchange over stored bars (synthetic bars are generated into the
// bar store when it lacks them); --dry-run: Alpaca data + simulated fills; --paper: Alpaca's paper
// account; --live: real money, refused unless [alpaca] live_trading_confirmed is true.
#include "app/context.hpp"
#include "broker/broker.hpp"
#include "broker/market_data.hpp"
#include "engine/clock.hpp"
#include "engine/trading_session.hpp"
#include "state/state_store.hpp"

#include <memory>

namespace crew::app {

enum class TradingMode { sim, dry_run, paper, live };
std::string_view to_string(TradingMode mode);

struct Wiring {
  std::unique_ptr<engine::Clock> clock;
  std::unique_ptr<broker::MarketData> data;
  std::unique_ptr<broker::Broker> broker;
  std::map<core::AssetClass, std::vector<core::Symbol>> universe;
  // Called when the session ends (the simulated exchange keeps its cash in the store).
  std::function<core::Status(core::UtcTime)> on_end;
};

core::Result<Wiring> wire(const AppContext& context, TradingMode mode, core::UtcTime start,
                          core::UtcTime end, state::StateStore& store);

} // namespace crew::app
