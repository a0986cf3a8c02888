#pragma once
// AlpacaBroker: the Broker port on Alpaca's trading REST API (paper or live, or fake_alpaca).
// It applies the venue rules before sending, normalises symbols (BTCUSD in positions back to
// BTC/USD through the crypto asset map), maps the 422 duplicate-id answer, and after a submit
// whose outcome is unknown (timeout, 5xx, dropped connection) looks the order up by
// client_order_id, with backoff, instead of resending. Not finding it proves nothing (the POST
// may still arrive): the outcome stays unknown, for the session to follow.
#include "alpaca/trading_client.hpp"
#include "broker/alpaca_rules.hpp"
#include "broker/broker.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>

namespace crew::broker {

struct AlpacaBrokerSettings {
  // Crypto fees post as CFEE activities at the end of the day; fills carry this estimate.
  double crypto_fee_rate = 0.0025;
  // After a POST with no usable answer: how many look-ups by client_order_id, the first at once,
  // each later one after twice the previous wait (0.5 s, 1 s, …). Not found by then: unknown.
  int unanswered_lookups = 3;
  std::chrono::milliseconds first_lookup_wait{500};
};

class AlpacaBroker final : public Broker {
public:
  using PriceSource = std::function<std::optional<core::Decimal>(const core::Symbol&)>;

  using Nap = std::function<void(std::chrono::milliseconds)>;

  // `nap` waits between look-ups (a real sleep unless a test gives its own).
  explicit AlpacaBroker(alpaca::TradingClient& client, AlpacaBrokerSettings settings = {},
                        Nap nap = {});

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
  // Crypto: the minimums and increment of the asset list it loads once; equities: nothing.
  std::optional<AssetRules> asset_rules(const core::Symbol& symbol) override;

private:
  void load_assets();
  core::Symbol normalise(const core::Symbol& symbol) const;
  void remember(const core::Order& order);

  alpaca::TradingClient& m_client;
  AlpacaBrokerSettings m_settings;
  Nap m_nap;
  PriceSource m_prices;
  bool m_assets_loaded = false;
  std::map<std::string, alpaca::Asset> m_crypto_assets; // by position form (BTCUSD)
  std::map<std::string, std::string> m_client_ids;      // order id → client_order_id
};

// True for Alpaca's "client_order_id must be unique" answer (422, code 40010001).
bool is_duplicate_client_order_id(const alpaca::HttpRefusal& refusal);

} // namespace crew::broker
