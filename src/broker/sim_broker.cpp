// Fill rules (docs/backtest-fills.md, alpaca-api.md 3.5 and 6): every open order is offered each
// bar that began at or after its submission, and execution::cross says whether and where it
// fills, as it does for the backtester. The fee rule is execution::fee_rule's: a crypto buy's fee
// is taken in the coin received, so a buy's position is smaller than its fill. An order's fill
// that cash cannot pay any more (the price moved) is rejected.
#include "broker/sim_broker.hpp"

#include <algorithm>
#include <cstdio>

namespace crew::broker {
namespace {

std::string sequence_id(const char* prefix, std::uint64_t n) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%s-%08llu", prefix, static_cast<unsigned long long>(n));
  return buffer;
}

core::Decimal fee_of(core::Decimal notional, double rate) {
  return core::Decimal::from_double(notional.to_double() * rate);
}

execution::RestingOrder resting(const core::Order& order) {
  return execution::RestingOrder{order.type, order.side,
                                 order.limit_price ? order.limit_price->to_double() : 0.0,
                                 order.stop_price ? order.stop_price->to_double() : 0.0};
}

std::int64_t utc_day(core::UtcTime time) {
  return time.seconds() / 86'400;
}

} // namespace

SimBroker::SimBroker(SimBrokerSettings settings) : m_settings(std::move(settings)) {
  m_state.cash = m_settings.starting_cash;
  m_state.last_equity = m_settings.starting_cash;
}

void SimBroker::set_asset(const core::Symbol& symbol, AssetRules rules) {
  m_assets[symbol.str()] = rules;
}

void SimBroker::list_asset(const core::Symbol& symbol) {
  m_listed.insert(symbol.str());
}

std::optional<AssetRules> SimBroker::asset_rules(const core::Symbol& symbol) {
  const std::string key = symbol.str();
  if (const auto asset = m_assets.find(key); asset != m_assets.end()) {
    return asset->second;
  }
  if (!m_listed.contains(key) && !m_state.last_prices.contains(key)) {
    return std::nullopt;
  }
  AssetRules rules;
  if (symbol.asset_class() == core::AssetClass::crypto) {
    rules.min_trade_increment = m_settings.crypto_increment;
  }
  return rules;
}

void SimBroker::set_time(core::UtcTime now) {
  if (m_state.now < now) {
    if (utc_day(now) != utc_day(m_state.now)) {
      m_state.last_equity = equity();
    }
    m_state.now = now;
  }
}

void SimBroker::import_state(SimBrokerState state) {
  m_state = std::move(state);
  m_client_ids.clear();
  for (const auto& order : m_state.orders) {
    m_client_ids.insert(order.client_order_id);
  }
}

const execution::Slippage& SimBroker::slippage(const core::Symbol& symbol) const {
  return symbol.asset_class() == core::AssetClass::crypto ? m_settings.crypto_fill
                                                          : m_settings.fill;
}

execution::FeeRule SimBroker::fee_rule(const core::Symbol& symbol) const {
  const bool crypto = symbol.asset_class() == core::AssetClass::crypto;
  return execution::fee_rule(symbol.asset_class(),
                             crypto ? m_settings.crypto_fee_rate : m_settings.equity_fee_rate);
}

core::Order* SimBroker::find_order(const std::string& id) {
  for (auto& order : m_state.orders) {
    if (order.id == id) {
      return &order;
    }
  }
  return nullptr;
}

core::Decimal SimBroker::held_for_sells(const std::string& symbol) const {
  core::Decimal held;
  for (const auto& order : m_state.orders) {
    if (core::is_open(order.status) && order.side == core::Side::sell &&
        order.symbol.str() == symbol) {
      held += order.remaining_qty();
    }
  }
  return held;
}

core::Decimal SimBroker::reserved_for_buys() const {
  core::Decimal reserved;
  for (const auto& order : m_state.orders) {
    if (!core::is_open(order.status) || order.side != core::Side::buy) {
      continue;
    }
    if (order.notional) {
      reserved += *order.notional;
    } else if (const auto price = order.limit_price ? order.limit_price : order.stop_price) {
      reserved += order.remaining_qty() * *price;
    } else if (auto last = m_state.last_prices.find(order.symbol.str());
               last != m_state.last_prices.end()) {
      reserved += order.remaining_qty() * last->second;
    }
  }
  return reserved;
}

core::Decimal SimBroker::equity() const {
  core::Decimal total = m_state.cash;
  for (const auto& [symbol, position] : m_state.positions) {
    total += position.market_value;
  }
  return total;
}

core::Result<core::Account> SimBroker::account() {
  core::Account account;
  account.id = "sim-account";
  account.cash = m_state.cash;
  account.equity = equity();
  account.last_equity = m_state.last_equity;
  account.long_market_value = account.equity - account.cash;
  const core::Decimal free = m_state.cash - reserved_for_buys();
  account.buying_power = free.is_negative() ? core::Decimal{} : free;
  account.non_marginable_buying_power = account.buying_power;
  account.crypto_tier = 1;
  return account;
}

core::Result<std::vector<core::Position>> SimBroker::positions() {
  std::vector<core::Position> out;
  for (const auto& [symbol, position] : m_state.positions) {
    core::Position copy = position;
    copy.qty_available = position.qty - held_for_sells(symbol);
    out.push_back(copy);
  }
  return out;
}

core::Result<std::vector<core::Order>> SimBroker::open_orders() {
  std::vector<core::Order> out;
  for (const auto& order : m_state.orders) {
    if (core::is_open(order.status)) {
      out.push_back(order);
    }
  }
  return out;
}

SubmitResult SimBroker::submit(const core::OrderRequest& request) {
  if (m_client_ids.contains(request.client_order_id)) {
    return {std::nullopt, SubmitError{SubmitError::Kind::duplicate_client_order_id, 422,
                                      "client_order_id must be unique"}};
  }
  const std::string key = request.symbol.str();
  const auto last = m_state.last_prices.find(key);
  const auto asset = asset_rules(request.symbol);
  if (!asset) {
    return {std::nullopt, refusal(422, "could not find asset \"" + key + "\"")};
  }
  VenueContext context;
  context.asset = *asset;
  if (last != m_state.last_prices.end()) {
    context.price = last->second;
  }
  if (auto held = m_state.positions.find(key); held != m_state.positions.end()) {
    context.qty_available = held->second.qty - held_for_sells(key);
  }
  auto ruled = apply_venue_rules(request, context);
  if (!ruled.request) {
    return {std::nullopt, ruled.error};
  }
  const core::OrderRequest& accepted = *ruled.request;
  if (accepted.side == core::Side::buy) {
    std::optional<core::Decimal> cost = accepted.notional;
    const auto price = accepted.limit_price ? accepted.limit_price : context.price;
    if (!cost && price) {
      cost = accepted.qty * *price;
    }
    if (cost) {
      const core::Decimal fee = fee_of(*cost, fee_rule(accepted.symbol).rate);
      const core::Decimal available = m_state.cash - reserved_for_buys();
      if (*cost + fee > available) {
        const bool crypto = accepted.symbol.asset_class() == core::AssetClass::crypto;
        return {std::nullopt,
                refusal(403, crypto ? "insufficient balance for USD (requested: " +
                                          (*cost + fee).to_string() +
                                          ", available: " + available.to_string() + ")"
                                    : std::string("insufficient buying power"))};
      }
    }
  }
  core::Order order = core::make_order(accepted, m_state.now);
  order.id = sequence_id("sim-order", m_state.next_order++);
  order.status = accepted.symbol.asset_class() == core::AssetClass::crypto
                     ? core::OrderStatus::pending_new
                     : core::OrderStatus::new_;
  m_client_ids.insert(order.client_order_id);
  m_state.orders.push_back(order);
  return {order, std::nullopt};
}

core::Status SimBroker::cancel(const std::string& order_id) {
  core::Order* order = find_order(order_id);
  if (order == nullptr) {
    return core::Error{"HTTP 404 (40410000): order not found for " + order_id, "cancel"};
  }
  if (!core::is_open(order->status)) {
    return core::Error{"HTTP 422 (42210000): order is not cancelable", order_id};
  }
  order->status = core::OrderStatus::canceled;
  order->canceled_at = m_state.now;
  order->updated_at = m_state.now;
  return {};
}

core::Result<core::Order> SimBroker::close_position(const core::Symbol& symbol) {
  for (auto& order : m_state.orders) {
    if (core::is_open(order.status) && order.symbol == symbol) {
      order.status = core::OrderStatus::canceled;
      order.canceled_at = m_state.now;
    }
  }
  const auto held = m_state.positions.find(symbol.str());
  if (held == m_state.positions.end()) {
    return core::Error{"HTTP 404 (40410000): position does not exist", symbol.str()};
  }
  core::OrderRequest request;
  request.symbol = symbol;
  request.side = core::Side::sell;
  request.qty = held->second.qty;
  request.time_in_force = symbol.asset_class() == core::AssetClass::crypto ? core::TimeInForce::gtc
                                                                           : core::TimeInForce::day;
  request.client_order_id = sequence_id("sim-close", m_state.next_order);
  auto result = submit(request);
  if (!result.ok()) {
    return core::Error{"HTTP " + std::to_string(result.error->http_status) + ": " +
                           result.error->message,
                       "close " + symbol.str()};
  }
  return *result.order;
}

core::Status SimBroker::close_all() {
  for (auto& order : m_state.orders) {
    if (core::is_open(order.status)) {
      order.status = core::OrderStatus::canceled;
      order.canceled_at = m_state.now;
    }
  }
  std::vector<core::Symbol> held;
  for (const auto& [key, position] : m_state.positions) {
    held.push_back(position.symbol);
  }
  for (const auto& symbol : held) {
    if (auto closed = close_position(symbol); !closed) {
      return closed.error();
    }
  }
  return {};
}

core::Result<std::optional<core::Order>> SimBroker::order_by_client_id(const std::string& id) {
  for (const auto& order : m_state.orders) {
    if (order.client_order_id == id) {
      return std::optional<core::Order>{order};
    }
  }
  return std::optional<core::Order>{};
}

core::Result<std::vector<core::Fill>> SimBroker::fills_since(core::UtcTime since) {
  std::vector<core::Fill> out;
  for (const auto& fill : m_state.fills) {
    if (!(fill.time < since)) {
      out.push_back(fill);
    }
  }
  return out;
}

void SimBroker::on_price(const core::Symbol& symbol, double price, core::UtcTime time) {
  on_price(symbol, core::Bar{time, price, price, price, price, 0, 0, 0});
}

bool SimBroker::attach_stop(const std::string& entry_client_order_id, const ProtectiveStop& stop) {
  m_state.attached_stops[entry_client_order_id] = stop;
  return true;
}

std::optional<core::Order> SimBroker::release_stop(const core::Order& entry, core::UtcTime time) {
  const auto attached = m_state.attached_stops.find(entry.client_order_id);
  if (attached == m_state.attached_stops.end()) {
    return std::nullopt;
  }
  const ProtectiveStop stop = attached->second;
  m_state.attached_stops.erase(attached);
  const auto held = m_state.positions.find(entry.symbol.str());
  if (entry.status != core::OrderStatus::filled || held == m_state.positions.end() ||
      !entry.filled_avg_price || m_client_ids.contains(stop.client_order_id)) {
    return std::nullopt;
  }
  const double stop_price = entry.filled_avg_price->to_double() - stop.stop_distance;
  const auto rule =
      execution::protective_stop(entry.symbol.asset_class(), stop_price, stop.limit_offset);
  core::OrderRequest request;
  request.symbol = entry.symbol;
  request.side = core::Side::sell;
  request.type = rule.type;
  request.time_in_force = core::TimeInForce::gtc;
  request.qty = held->second.qty - held_for_sells(entry.symbol.str());
  request.stop_price = core::Decimal::from_double(rule.stop);
  if (rule.type == core::OrderType::stop_limit) {
    request.limit_price = core::Decimal::from_double(rule.limit);
  }
  request.client_order_id = stop.client_order_id;
  if (!(stop_price > 0.0) || request.qty.is_zero() || !core::validate(request)) {
    return std::nullopt;
  }
  core::Order order = core::make_order(request, time);
  order.id = sequence_id("sim-order", m_state.next_order++);
  order.status = core::OrderStatus::new_;
  m_client_ids.insert(order.client_order_id);
  return order;
}

void SimBroker::on_price(const core::Symbol& symbol, const core::Bar& bar) {
  set_time(bar.time);
  std::vector<core::Order> released;      // stops attached to entries that filled in this bar
  std::vector<core::Order> resting_after; // ... that filled at its close
  for (auto& order : m_state.orders) {
    if (!core::is_open(order.status) || order.symbol != symbol) {
      continue;
    }
    if (bar.time < order.submitted_at) {
      // A bar that began before the order was sent and is handed over after it (the replay hands
      // over bars as they complete): its close is the first price after the order, so a market
      // order fills there. Without it, a market order sent in a session's last fill bar (the
      // loop's close at 15:55 with 15Min bars) would fill at the next session's open.
      if (order.type == core::OrderType::market) {
        const core::Bar at_close{bar.time, bar.close, bar.close, bar.close, bar.close, 0, 0, 0};
        execute(order, execution::cross(resting(order), at_close, slippage(symbol)).price,
                order.submitted_at);
        if (auto stop = release_stop(order, order.submitted_at)) {
          resting_after.push_back(std::move(*stop)); // filled at the close: nothing of this bar
        }
      }
      continue;
    }
    const execution::Crossing cross = execution::cross(resting(order), bar, slippage(symbol));
    if (cross.fills) {
      execute(order, cross.price, bar.time);
      if (auto stop = release_stop(order, bar.time)) {
        released.push_back(std::move(*stop));
      }
    } else if (order.time_in_force == core::TimeInForce::ioc ||
               order.time_in_force == core::TimeInForce::fok) {
      order.status = core::OrderStatus::canceled;
      order.canceled_at = bar.time;
      order.updated_at = bar.time;
    }
  }
  // A stop released by its entry's fill rests from that fill on: the rest of the same bar can
  // take it, as the backtester's stop is checked on the entry bar.
  for (auto& stop : released) {
    if (const auto hit = execution::cross(resting(stop), bar, slippage(symbol)); hit.fills) {
      m_state.orders.push_back(std::move(stop));
      execute(m_state.orders.back(), hit.price, bar.time);
    } else {
      m_state.orders.push_back(std::move(stop));
    }
  }
  for (auto& stop : resting_after) {
    m_state.orders.push_back(std::move(stop));
  }
  const core::Decimal close = core::Decimal::from_double(bar.close);
  m_state.last_prices[symbol.str()] = close;
  if (auto held = m_state.positions.find(symbol.str()); held != m_state.positions.end()) {
    core::Position& position = held->second;
    position.current_price = close;
    position.market_value = position.qty * close;
    position.unrealized_pl = position.market_value - position.cost_basis;
  }
}

void SimBroker::execute(core::Order& order, double raw_price, core::UtcTime time) {
  const core::Decimal price = core::Decimal::from_double(raw_price);
  const bool crypto = order.symbol.asset_class() == core::AssetClass::crypto;
  const execution::FeeRule fees = fee_rule(order.symbol);
  const double rate = fees.rate;
  const std::string key = order.symbol.str();
  core::Decimal increment = core::Decimal::from_units(1);
  if (auto asset = m_assets.find(key);
      asset != m_assets.end() && asset->second.min_trade_increment) {
    increment = *asset->second.min_trade_increment;
  } else if (crypto) {
    increment = m_settings.crypto_increment;
  }
  core::Decimal qty =
      order.notional ? (*order.notional / price).floor_to(increment) : order.remaining_qty();
  auto reject = [&] {
    order.status = core::OrderStatus::rejected;
    order.failed_at = time;
    order.updated_at = time;
  };
  auto& positions = m_state.positions;
  if (order.side == core::Side::sell) {
    auto held = positions.find(key);
    if (held == positions.end() || held->second.qty.is_zero()) {
      reject();
      return;
    }
    qty = std::min(qty, held->second.qty);
  }
  if (qty.is_zero()) {
    reject();
    return;
  }
  const core::Decimal notional = qty * price;
  const core::Decimal fee_usd = fee_of(notional, rate);
  core::Fill fill;
  fill.id = sequence_id("sim-fill", m_state.next_fill++);
  fill.order_id = order.id;
  fill.client_order_id = order.client_order_id;
  fill.symbol = order.symbol;
  fill.side = order.side;
  fill.qty = qty;
  fill.price = price;
  fill.time = time;
  if (order.side == core::Side::buy) {
    // Decimal arithmetic of execution::FeeRule::buy: a coin fee leaves the cash alone.
    const core::Decimal pay = fees.in_coin ? notional : notional + fee_usd;
    if (pay > m_state.cash) {
      reject();
      return;
    }
    m_state.cash -= pay;
    const core::Decimal coin_fee = fees.in_coin ? fee_of(qty, rate) : core::Decimal{};
    fill.fee = fees.in_coin ? coin_fee * price : fee_usd;
    core::Position& position = positions[key];
    position.symbol = order.symbol;
    position.qty += qty - coin_fee;
    position.cost_basis += notional;
    position.avg_entry_price = position.cost_basis / position.qty;
  } else {
    core::Position& position = positions[key];
    m_state.cash += notional - fee_usd;
    fill.fee = fee_usd;
    position.cost_basis -= position.avg_entry_price * qty;
    position.qty -= qty;
    if (position.qty.is_zero()) {
      positions.erase(key);
    }
  }
  if (auto held = positions.find(key); held != positions.end()) {
    core::Position& position = held->second;
    position.qty_available = position.qty;
    position.current_price = price;
    position.market_value = position.qty * price;
    position.unrealized_pl = position.market_value - position.cost_basis;
  }
  const core::Decimal before = order.filled_qty;
  order.filled_qty += qty;
  order.filled_avg_price = order.filled_avg_price
                               ? (*order.filled_avg_price * before + notional) / order.filled_qty
                               : price;
  order.status = core::OrderStatus::filled;
  order.filled_at = time;
  order.updated_at = time;
  m_state.fills.push_back(fill);
}

} // namespace crew::broker
