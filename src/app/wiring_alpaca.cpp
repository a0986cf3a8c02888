// The Alpaca side of wiring (--dry-run, --paper, --live): Alpaca's market data for every mode,
// Alpaca's trading API for --paper and --live, a simulated exchange over Alpaca's latest prices
// for --dry-run.
#include "app/alpaca_session.hpp"
#include "app/api_call_recorder.hpp"
#include "app/market_universe.hpp"
#include "app/wiring.hpp"
#include "broker/alpaca_broker.hpp"
#include "engine/alpaca_market_data.hpp"
#include "engine/sim_venue.hpp"
#include "engine/sim_venue_state.hpp"
#include "engine/venue_clock.hpp"

#include <spdlog/spdlog.h>

namespace crew::app {
namespace {

constexpr const char* k_dry_run_state_key = "dry_run.broker";

core::Result<std::unique_ptr<engine::Clock>> make_clock(AlpacaSession& session, bool venue_clock) {
  if (!venue_clock) {
    return std::unique_ptr<engine::Clock>(std::make_unique<engine::RealClock>());
  }
  auto first = session.trading.clock();
  if (!first) {
    return core::Error{first.error().message(), "--clock broker"};
  }
  auto source = [&session]() -> core::Result<core::UtcTime> {
    auto clock = session.trading.clock();
    if (!clock) {
      return clock.error();
    }
    return clock->timestamp;
  };
  return std::unique_ptr<engine::Clock>(
      std::make_unique<engine::VenueClock>(source, first->timestamp, engine::thread_nap()));
}

} // namespace

core::Result<Wiring> wire_alpaca(const AppContext& context, const SessionRequest& request,
                                 state::StateStore& store) {
  auto session = std::make_shared<AlpacaSession>(context);
  // Every request of this session is an API call of the loop, recorded as it is made; the
  // recorder lives as long as the clients that report to it.
  auto recorder = std::make_shared<ApiCallRecorder>(store);
  session->report_requests_to(record_into(recorder));
  Wiring wiring;
  wiring.keep_alive = session;
  auto clock = make_clock(*session, request.venue_clock);
  if (!clock) {
    return clock.error();
  }
  wiring.clock = std::move(*clock);
  const auto now = wiring.clock->now();
  std::vector<core::Symbol> every_symbol;
  // --symbols replaces the universe: only those symbols are scanned and traded.
  for (const auto& symbol : request.symbols) {
    wiring.universe[symbol.asset_class()].push_back(symbol);
    every_symbol.push_back(symbol);
  }
  for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
    if (!request.symbols.empty()) {
      break;
    }
    auto universe = market_universe(context, market, now, session.get());
    if (!universe) {
      return universe.error();
    }
    for (const auto& note : universe->notes) {
      spdlog::info("universe {}: {}", core::to_string(market), note);
    }
    for (const auto& member : universe->members) {
      wiring.universe[market].push_back(member.symbol);
      every_symbol.push_back(member.symbol);
    }
  }
  auto data =
      std::make_unique<engine::AlpacaMarketData>(session->market_data, context.config.alpaca.feed);
  if (request.mode == TradingMode::dry_run) {
    auto venue = std::make_unique<engine::SimVenue>(
        sim_broker_settings(context.config), *wiring.clock,
        engine::latest_price_feed(*data, std::move(every_symbol)));
    auto kept = restore_sim_state(store, k_dry_run_state_key, *venue);
    if (!kept) {
      return kept.error();
    }
    wiring.after_tick = save_sim_state(store, k_dry_run_state_key, *venue);
    wiring.broker = std::move(venue);
  } else {
    auto broker = std::make_unique<broker::AlpacaBroker>(session->trading);
    // Reference prices for the crypto minimum-notional check: the latest the data API knows.
    broker->set_price_source([raw = data.get(), clock = wiring.clock.get()](
                                 const core::Symbol& symbol) -> std::optional<core::Decimal> {
      auto prices = raw->latest_prices({symbol}, clock->now());
      if (!prices || prices->empty()) {
        return std::nullopt;
      }
      return core::Decimal::from_double(prices->begin()->second);
    });
    wiring.broker = std::move(broker);
  }
  wiring.data = std::move(data);
  // Requests reported from another thread wait for the loop's thread: written after each tick.
  wiring.after_tick = [recorder,
                       then = std::move(wiring.after_tick)](core::UtcTime at) -> core::Status {
    recorder->flush();
    return then ? then(at) : core::Status{};
  };
  return wiring;
}

} // namespace crew::app
