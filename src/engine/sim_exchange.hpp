#pragma once
// SimExchange: a small in-process Broker for --sim and --dry-run until the broker module's
// SimBroker is wired in: market orders fill at once at the latest price the MarketData shows at
// the clock's time, moved by the profile's slippage, with the profile's fee charged in cash.
// It refuses duplicate client_order_ids and buys beyond the cash. Deterministic.
#include "broker/broker.hpp"
#include "broker/market_data.hpp"
#include "config/config.hpp"
#include "engine/clock.hpp"

#include <map>
#include <string>
#include <vector>

namespace crew::engine {

class SimExchange final : public broker::Broker {
public:
  SimExchange(const config::Config& config, const Clock& clock, broker::MarketData& data,
              core::Decimal cash);

  // Seeds a holding (rebuilding the exchange from the state store after a restart).
  void seed_position(const core::Position& position);
  core::Decimal cash() const { return m_cash; }

  core::Result<core::Account> account() override;
  core::Result<std::vector<core::Position>> positions() override;
  core::Result<std::vector<core::Order>> open_orders() override;
  broker::SubmitResult submit(const core::OrderRequest& request) override;
  core::Status cancel(const std::string& order_id) override;
  core::Result<core::Order> close_position(const core::Symbol& symbol) override;
  core::Status close_all() override;
  core::Result<std::optional<core::Order>> order_by_client_id(const std::string& id) override;
  core::Result<std::vector<core::Fill>> fills_since(core::UtcTime since) override;

private:
  std::optional<double> price_of(const core::Symbol& symbol);

  const config::Config& m_config;
  const Clock& m_clock;
  broker::MarketData& m_data;
  core::Decimal m_cash;
  std::map<std::string, core::Position> m_positions;
  std::map<std::string, core::Order> m_orders; // by client_order_id
  std::vector<core::Fill> m_fills;
  std::int64_t m_next_id = 1;
};

} // namespace crew::engine
