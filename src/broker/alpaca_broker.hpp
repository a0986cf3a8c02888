#pragma once
// AlpacaBroker: the Broker port on Alpaca's trading REST API (paper or live, or fake_alpaca).
// It applies the venue rules before sending, normalises symbols (BTCUSD in positions back to
// BTC/USD through the crypto asset map), maps the 422 duplicate-id answer, and after a submit
// whose outcome is unknown (timeout, 5xx, dropped connection) looks the order up by
// client_order_id instead of resending.
#include "alpaca/trading_client.hpp"
#include "broker/alpaca_rules.hpp"
#include "broker/broker.hpp"

#include <functional>
#include <map>
#include <optional>

namespace crew::broker {

struct AlpacaBrokerSettings {
  // Crypto fees post as CFEE activities at the end of the day; fills carry this estimate.
  double crypto_fee_rate = 0.0025;
};

class AlpacaBroker final : public Broker {
public:
  using PriceSource = std::function<std::optional<core::Decimal>(const core::Symbol&)>;

  explicit AlpacaBroker(alpaca::TradingClient& client, AlpacaBrokerSettings settings = {});

  // Where reference prices for the crypto minimum-notional check come from (optional).
  void set_price_source(PriceSource source) { m_prices = std::move(source); }

  core::Result<core::Account> account() override;
  core::Result<std::vector<core::Position>> positions() override;
  core::Result<std::vector<core::Order>> open_orders() override;
  SubmitResult submit(const core::OrderRequest& request) override;
  core::Status cancel(const std::string& order_id) override;
  core::Result<core::Order> close_position(const core::Symbol& symbol) override;
  core::Status close_all() override;
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) override;
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) override;

private:
  void load_assets();
  core::Symbol normalise(const core::Symbol& symbol) const;
  void remember(const core::Order& order);

  alpaca::TradingClient& m_client;
  AlpacaBrokerSettings m_settings;
  PriceSource m_prices;
  bool m_assets_loaded = false;
  std::map<std::string, alpaca::Asset> m_crypto_assets; // by position form (BTCUSD)
  std::map<std::string, std::string> m_client_ids;      // order id → client_order_id
};

// True for Alpaca's "client_order_id must be unique" answer (422, code 40010001).
bool is_duplicate_client_order_id(const alpaca::HttpRefusal& refusal);

} // namespace crew::broker
