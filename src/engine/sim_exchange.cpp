#include "engine/sim_exchange.hpp"

#include <fmt/format.h>

namespace crew::engine {

SimExchange::SimExchange(const config::Config& config, const Clock& clock, broker::MarketData& data,
                         core::Decimal cash)
    : m_config(config), m_clock(clock), m_data(data), m_cash(cash) {}

void SimExchange::seed_position(const core::Position& position) {
  m_positions[position.symbol.str()] = position;
}

std::optional<double> SimExchange::price_of(const core::Symbol& symbol) {
  auto prices = m_data.latest_prices({symbol}, m_clock.now());
  if (!prices || !prices->contains(symbol.str())) {
    return std::nullopt;
  }
  return prices->at(symbol.str());
}

core::Result<core::Account> SimExchange::account() {
  core::Account account;
  account.id = "sim";
  account.cash = m_cash;
  core::Decimal long_value;
  for (auto& [text, position] : m_positions) {
    if (const auto price = price_of(position.symbol)) {
      position.current_price = core::Decimal::from_double(*price);
      position.market_value = position.qty * position.current_price;
      position.unrealized_pl = position.market_value - position.cost_basis;
    }
    long_value += position.market_value;
  }
  account.long_market_value = long_value;
  account.equity = m_cash + long_value;
  account.last_equity = account.equity;
  account.buying_power = m_cash;
  account.non_marginable_buying_power = m_cash;
  return account;
}

core::Result<std::vector<core::Position>> SimExchange::positions() {
  std::vector<core::Position> out;
  for (const auto& [text, position] : m_positions) {
    out.push_back(position);
  }
  return out;
}

core::Result<std::vector<core::Order>> SimExchange::open_orders() {
  std::vector<core::Order> out;
  for (const auto& [id, order] : m_orders) {
    if (core::is_open(order.status)) {
      out.push_back(order);
    }
  }
  return out;
}

broker::SubmitResult SimExchange::submit(const core::OrderRequest& request) {
  using Kind = broker::SubmitError::Kind;
  if (const auto valid = core::validate(request); !valid) {
    return {std::nullopt, broker::SubmitError{Kind::rejected, 422, valid.error().message()}};
  }
  if (m_orders.contains(request.client_order_id)) {
    return {std::nullopt, broker::SubmitError{Kind::duplicate_client_order_id, 422,
                                              "client_order_id must be unique"}};
  }
  const auto price = price_of(request.symbol);
  if (!price) {
    return {std::nullopt,
            broker::SubmitError{Kind::rejected, 422, "no price for " + request.symbol.str()}};
  }
  const auto now = m_clock.now();
  const auto& profile = m_config.profile(request.symbol.asset_class());
  const double slip = profile.slippage_bps / 10'000.0;
  const bool buy = request.side == core::Side::buy;
  const auto fill_price = core::Decimal::from_double(*price * (buy ? 1 + slip : 1 - slip));
  auto qty = request.qty;
  auto held = m_positions.find(request.symbol.str());
  if (!buy) {
    if (held == m_positions.end() || held->second.qty < qty) {
      return {std::nullopt, broker::SubmitError{Kind::rejected, 403, "insufficient qty available"}};
    }
  }
  const auto notional = qty * fill_price;
  const auto fee = core::Decimal::from_double(notional.to_double() * profile.fee_rate);
  if (buy && notional + fee > m_cash) {
    return {std::nullopt, broker::SubmitError{Kind::rejected, 403, "insufficient buying power"}};
  }

  auto order = core::make_order(request, now);
  order.id = fmt::format("sim-{:08d}", m_next_id++);
  order.status = core::OrderStatus::filled;
  order.filled_qty = qty;
  order.filled_avg_price = fill_price;
  order.filled_at = now;
  if (buy) {
    m_cash -= notional + fee;
    auto& position = m_positions[request.symbol.str()];
    position.symbol = request.symbol;
    position.cost_basis += notional;
    position.qty += qty;
    position.qty_available = position.qty;
    position.avg_entry_price = position.cost_basis / position.qty;
    position.current_price = fill_price;
    position.market_value = position.qty * fill_price;
  } else {
    m_cash += notional - fee;
    auto& position = held->second;
    position.cost_basis -= position.avg_entry_price * qty;
    position.qty -= qty;
    position.qty_available = position.qty;
    position.market_value = position.qty * fill_price;
    if (position.qty == core::Decimal{}) {
      m_positions.erase(held);
    }
  }
  m_fills.push_back(core::Fill{order.id + "-f1", order.id, order.client_order_id, order.symbol,
                               order.side, qty, fill_price, fee, now});
  m_orders[order.client_order_id] = order;
  return {order, std::nullopt};
}

core::Status SimExchange::cancel(const std::string& order_id) {
  for (auto& [id, order] : m_orders) {
    if (order.id == order_id && core::is_open(order.status)) {
      order.status = core::OrderStatus::canceled;
      order.canceled_at = m_clock.now();
    }
  }
  return {};
}

core::Result<core::Order> SimExchange::close_position(const core::Symbol& symbol) {
  const auto held = m_positions.find(symbol.str());
  if (held == m_positions.end()) {
    return core::Error{"position does not exist", symbol.str()};
  }
  core::OrderRequest request;
  request.symbol = symbol;
  request.side = core::Side::sell;
  request.qty = held->second.qty_available;
  request.time_in_force = symbol.asset_class() == core::AssetClass::crypto ? core::TimeInForce::gtc
                                                                           : core::TimeInForce::day;
  request.client_order_id = fmt::format("sim-close-{}", m_next_id);
  auto result = submit(request);
  if (!result.ok()) {
    return core::Error{result.error->message, symbol.str()};
  }
  return *result.order;
}

core::Status SimExchange::close_all() {
  std::vector<core::Symbol> held;
  for (const auto& [text, position] : m_positions) {
    held.push_back(position.symbol);
  }
  for (const auto& symbol : held) {
    if (auto closed = close_position(symbol); !closed) {
      return closed.error();
    }
  }
  return {};
}

core::Result<std::optional<core::Order>> SimExchange::order_by_client_id(const std::string& id) {
  const auto found = m_orders.find(id);
  if (found == m_orders.end()) {
    return std::optional<core::Order>{};
  }
  return std::optional<core::Order>{found->second};
}

core::Result<std::vector<core::Fill>> SimExchange::fills_since(core::UtcTime since) {
  std::vector<core::Fill> out;
  for (const auto& fill : m_fills) {
    if (fill.time >= since) {
      out.push_back(fill);
    }
  }
  return out;
}

} // namespace crew::engine
