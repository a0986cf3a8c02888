#pragma once
// SimBroker: an in-process exchange over the bars the loop sees. The engine hands it every price
// (on_price); orders fill against the next price after submission with the backtest's slippage
// and fee models, cash and positions are Decimal, and refusals carry Alpaca's statuses and
// messages (via alpaca_rules), so --sim exercises the same paths as --paper. Deterministic: ids
// are sequence numbers and time is what on_price says.
#include "backtest/fee_model.hpp"
#include "backtest/fill_model.hpp"
#include "broker/alpaca_rules.hpp"
#include "broker/broker.hpp"
#include "core/bar.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace crew::broker {

struct SimBrokerSettings {
  core::Decimal starting_cash = core::Decimal::from_int(100'000);
  backtest::FillModel fill;              // slippage of US equities, as the backtester's
  backtest::FillModel crypto_fill;       // slippage of crypto
  backtest::FeeModel equity_fee;         // US equities: none on Alpaca
  backtest::FeeModel crypto_fee{0.0025}; // tier-1 taker, charged in the received asset
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

  SimBrokerState export_state() const { return m_state; }
  void import_state(SimBrokerState state);

private:
  struct Crossing {
    bool fills = false;
    double price = 0;
  };
  Crossing crossing(const core::Order& order, const core::Bar& bar) const;
  void execute(core::Order& order, double raw_price, core::UtcTime time);
  core::Decimal held_for_sells(const std::string& symbol) const;
  core::Decimal reserved_for_buys() const;
  core::Decimal equity() const;
  const backtest::FeeModel& fee_model(const core::Symbol& symbol) const;
  const backtest::FillModel& fill_model(const core::Symbol& symbol) const;
  core::Order* find_order(const std::string& id);

  SimBrokerSettings m_settings;
  SimBrokerState m_state;
  std::map<std::string, AssetRules> m_assets;
  std::set<std::string> m_listed; // list_asset's symbols
  std::set<std::string> m_client_ids;
};

} // namespace crew::broker
