#pragma once
// SimVenue: the simulated exchange of --sim and --dry-run. It is the broker module's SimBroker (the
// backtest's fill, slippage and fee models, Alpaca's rules and refusals) fed with prices as time
// passes: before every call it hands SimBroker what became known since the last call (--sim: each
// bar completed by the clock's time, in time order, so an order fills at the open of the first bar
// after it was sent and never against a price from the future; --dry-run: Alpaca's latest prices).
#include "broker/broker.hpp"
#include "broker/market_data.hpp"
#include "broker/sim_broker.hpp"
#include "data/bar_series.hpp"
#include "engine/clock.hpp"
#include "engine/sim_market_data.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace crew::engine {

// What the venue trades and how it learns their prices.
struct PriceFeed {
  // Hands `broker` the prices that became known in (from, to].
  std::function<core::Status(broker::SimBroker& broker, core::UtcTime from, core::UtcTime to)> feed;
  // The symbols it has prices for: the venue lists them as its assets from the start, so an order
  // sent before a symbol's first price of the session (a Monday open) waits for that price
  // instead of being refused as an unknown asset.
  std::vector<core::Symbol> symbols;
};

// The bars of `prices` (one series per symbol, the finest the simulation has).
PriceFeed bar_feed(std::vector<data::BarSeries> prices);
// The same over streams read a window at a time (shared with SimMarketData, which reads the same
// windows for its latest prices).
PriceFeed bar_feed(std::vector<std::shared_ptr<BarStream>> prices);
// The latest price of each of `symbols` at the time fed (one request per market and call).
PriceFeed latest_price_feed(broker::MarketData& data, std::vector<core::Symbol> symbols);

class SimVenue final : public broker::Broker {
public:
  SimVenue(broker::SimBrokerSettings settings, const Clock& clock, PriceFeed feed);

  // Persistence across restarts (kept in the state store by the app).
  broker::SimBrokerState export_state() const { return m_broker.export_state(); }
  void import_state(broker::SimBrokerState state);

  core::Result<core::Account> account() override;
  core::Result<std::vector<core::Position>> positions() override;
  core::Result<std::vector<core::Order>> open_orders() override;
  broker::SubmitResult submit(const core::OrderRequest& request) override;
  core::Status cancel(const std::string& order_id) override;
  core::Result<core::Order> close_position(const core::Symbol& symbol) override;
  core::Status close_all() override;
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) override;
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) override;
  std::optional<broker::AssetRules> asset_rules(const core::Symbol& symbol) override;
  bool attach_stop(const std::string& entry_client_order_id,
                   const broker::ProtectiveStop& stop) override;

  // The venue's rules for a symbol (minimums, increments), as GET /v2/assets would give them.
  void set_asset(const core::Symbol& symbol, broker::AssetRules rules);

private:
  // Feeds what became known since the last call; a failure (the venue's data) is the caller's.
  core::Status catch_up();

  broker::SimBroker m_broker;
  const Clock& m_clock;
  PriceFeed m_feed;
  std::optional<core::UtcTime> m_fed_until;
};

} // namespace crew::engine
