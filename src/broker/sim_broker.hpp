#pragma once
// SimBroker: an in-process exchange over the bars the loop sees. The engine hands it every price
// (on_price); orders fill against the next price after submission with the backtest's slippage
// and fee models, cash and positions are Decimal, and refusals carry Alpaca's statuses and
// messages (via alpaca_rules), so --sim exercises the same paths as --paper. Deterministic: ids
// are sequence numbers and time is what on_price says.
#include "broker/alpaca_rules.hpp"
#include "broker/broker.hpp"
#include "core/bar.hpp"
#include "execution/fees.hpp"
#include "execution/fill_rules.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace crew::broker {

struct SimBrokerSettings {
  core::Decimal starting_cash = core::Decimal::from_int(100'000);
  execution::Slippage fill;        // slippage of US equities, as the backtester's
  execution::Slippage crypto_fill; // slippage of crypto
  double equity_fee_rate = 0.0;    // US equities: none on Alpaca
  double crypto_fee_rate = 0.0025; // tier-1 taker, a buy's taken in the coin received
  core::Decimal crypto_increment = core::Decimal::from_units(1); // 1e-9 unless set_asset says
};

// Everything a SimBroker holds, for export and import (persistence across restarts).
struct SimBrokerState {
  core::Decimal cash;
  core::Decimal last_equity;
  std::map<std::string, core::Position> positions; // by symbol text
  std::vector<core::Order> orders;                 // every order ever, in submission order
  std::vector<core::Fill> fills;
  std::map<std::string, core::Decimal> last_prices;
  // Protective stops waiting for their entry to fill, by the entry's client_order_id.
  std::map<std::string, ProtectiveStop> attached_stops;
  std::uint64_t next_order = 1;
  std::uint64_t next_fill = 1;
  core::UtcTime now;
};

class SimBroker final : public Broker {
public:
  explicit SimBroker(SimBrokerSettings settings = {});

  // The venue's rules for a symbol; unknown symbols trade once a price has been seen.
  void set_asset(const core::Symbol& symbol, AssetRules rules);
  // Lists `symbol` as an asset of the venue before any price of it is known (as Alpaca lists MSFT
  // before the first trade of a Monday): orders in it are accepted and wait for its first price.
  void list_asset(const core::Symbol& symbol);
  // A new bar of `symbol` (time = its open time): pending orders fill against it, then the
  // symbol is marked at its close.
  void on_price(const core::Symbol& symbol, const core::Bar& bar);
  // A single trade price at `time` (treated as a bar with o = h = l = c = price).
  void on_price(const core::Symbol& symbol, double price, core::UtcTime time);
  // Moves the broker's clock without a price (orders are stamped with it).
  void set_time(core::UtcTime now);

  core::Result<core::Account> account() override;
  core::Result<std::vector<core::Position>> positions() override;
  core::Result<std::vector<core::Order>> open_orders() override;
  SubmitResult submit(const core::OrderRequest& request) override;
  core::Status cancel(const std::string& order_id) override;
  core::Result<core::Order> close_position(const core::Symbol& symbol) override;
  core::Status close_all() override;
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) override;
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) override;
  // set_asset's rules, else the defaults of a listed or priced symbol (crypto: crypto_increment).
  std::optional<AssetRules> asset_rules(const core::Symbol& symbol) override;
  // Places `stop` when the entry fills, in the same bar: it may fill in the entry's bar, as the
  // backtester's stop does.
  bool attach_stop(const std::string& entry_client_order_id, const ProtectiveStop& stop) override;

  SimBrokerState export_state() const { return m_state; }
  void import_state(SimBrokerState state);

private:
  void execute(core::Order& order, double raw_price, core::UtcTime time);
  // The attached stop of a filled entry, as an order submitted at `time`; nullopt without one.
  std::optional<core::Order> release_stop(const core::Order& entry, core::UtcTime time);
  core::Decimal held_for_sells(const std::string& symbol) const;
  core::Decimal reserved_for_buys() const;
  core::Decimal equity() const;
  execution::FeeRule fee_rule(const core::Symbol& symbol) const;
  const execution::Slippage& slippage(const core::Symbol& symbol) const;
  core::Order* find_order(const std::string& id);

  SimBrokerSettings m_settings;
  SimBrokerState m_state;
  std::map<std::string, AssetRules> m_assets;
  std::set<std::string> m_listed; // list_asset's symbols
  std::set<std::string> m_client_ids;
};

} // namespace crew::broker
