// Orders are judged by venue_rules.hpp, the fake's own reading of alpaca-api.md 3.5 (never the
// client's broker rules, so a contract test of the client against the fake is not circular).
// Crypto buys pay the fee in the coin; sells pay it in USD.
#include "trading_state.hpp"

#include "alpaca/trading_json.hpp"
#include "state/record_json.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace crew::fake_alpaca {
namespace {

using nlohmann::json;

using state::decimal_or_null;
using state::time_or_null;

bool crypto(const core::Symbol& symbol) {
  return symbol.asset_class() == core::AssetClass::crypto;
}

std::string activity_stamp(core::UtcTime time) {
  const std::string text = core::format_rfc3339(time, 3); // 2024-01-02T03:04:05.678Z
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  return digits.substr(0, 17);
}

} // namespace

json order_json(const core::Order& order) {
  return {{"id", order.id},
          {"client_order_id", order.client_order_id},
          {"created_at", core::format_rfc3339(order.created_at)},
          {"updated_at", core::format_rfc3339(order.updated_at)},
          {"submitted_at", core::format_rfc3339(order.submitted_at)},
          {"filled_at", time_or_null(order.filled_at)},
          {"expired_at", time_or_null(order.expired_at)},
          {"canceled_at", time_or_null(order.canceled_at)},
          {"failed_at", time_or_null(order.failed_at)},
          {"replaced_at", nullptr},
          {"replaced_by", nullptr},
          {"replaces", nullptr},
          {"asset_id", "fake-" + order.symbol.position_form()},
          {"symbol", order.symbol.str()},
          {"asset_class", std::string(core::to_string(order.symbol.asset_class()))},
          {"notional", decimal_or_null(order.notional)},
          {"qty", order.notional ? json(nullptr) : json(order.qty.to_string())},
          {"filled_qty", order.filled_qty.to_string()},
          {"filled_avg_price", decimal_or_null(order.filled_avg_price)},
          {"order_class", ""},
          {"order_type", std::string(core::to_string(order.type))},
          {"type", std::string(core::to_string(order.type))},
          {"side", std::string(core::to_string(order.side))},
          {"time_in_force", std::string(core::to_string(order.time_in_force))},
          {"limit_price", decimal_or_null(order.limit_price)},
          {"stop_price", decimal_or_null(order.stop_price)},
          {"status", std::string(core::to_string(order.status))},
          {"extended_hours", false},
          {"legs", nullptr}};
}

TradingBook::TradingBook(std::filesystem::path file, core::Decimal starting_cash,
                         double crypto_fee_rate)
    : m_file(std::move(file)), m_cash(starting_cash), m_fee_rate(crypto_fee_rate) {}

core::Status TradingBook::load() {
  if (m_file.empty() || !std::filesystem::exists(m_file)) {
    return {};
  }
  std::ifstream in(m_file);
  std::stringstream text;
  text << in.rdbuf();
  const json doc = json::parse(text.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return core::Error{"malformed state file", m_file.string()};
  }
  auto cash = core::parse_decimal(doc.value("cash", "0"));
  auto orders = alpaca::parse_orders(doc.value("orders", json::array()).dump(), m_file.string());
  if (!cash || !orders) {
    return core::Error{"unreadable state file", m_file.string()};
  }
  m_cash = *cash;
  m_orders = std::move(*orders);
  m_sequence = doc.value("sequence", std::uint64_t{1});
  for (const auto& item : doc.value("positions", json::array())) {
    auto symbol = core::classify_symbol(item.value("symbol", ""));
    auto qty = core::parse_decimal(item.value("qty", "0"));
    auto cost = core::parse_decimal(item.value("cost_basis", "0"));
    if (symbol && qty && cost) {
      m_positions[symbol->str()] = Holding{*symbol, *qty, *cost};
    }
  }
  for (const auto& item : doc.value("activities", json::array())) {
    m_activities.push_back(item);
  }
  return {};
}

void TradingBook::save() const {
  if (m_file.empty()) {
    return;
  }
  json doc = {{"cash", m_cash.to_string()}, {"sequence", m_sequence}};
  doc["orders"] = json::array();
  for (const auto& order : m_orders) {
    doc["orders"].push_back(order_json(order));
  }
  doc["positions"] = json::array();
  for (const auto& [key, holding] : m_positions) {
    doc["positions"].push_back({{"symbol", key},
                                {"qty", holding.qty.to_string()},
                                {"cost_basis", holding.cost_basis.to_string()}});
  }
  doc["activities"] = m_activities;
  const std::filesystem::path temp = m_file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << doc.dump();
  }
  std::filesystem::rename(temp, m_file);
}

std::string TradingBook::next_uuid() {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "00000000-0000-4000-8000-%012llu",
                static_cast<unsigned long long>(m_sequence++));
  return buffer;
}

core::Decimal TradingBook::held_for_sells(const std::string& symbol) const {
  core::Decimal held;
  for (const auto& order : m_orders) {
    if (core::is_open(order.status) && order.side == core::Side::sell &&
        order.symbol.str() == symbol) {
      held += order.remaining_qty();
    }
  }
  return held;
}

core::Decimal TradingBook::reserved_for_buys(const MarketView& market) const {
  core::Decimal reserved;
  for (const auto& order : m_orders) {
    if (!core::is_open(order.status) || order.side != core::Side::buy) {
      continue;
    }
    if (order.notional) {
      reserved += *order.notional;
    } else if (order.limit_price) {
      reserved += order.remaining_qty() * *order.limit_price;
    } else if (auto price = market.price(order.symbol)) {
      reserved += order.remaining_qty() * core::Decimal::from_double(*price);
    }
  }
  return reserved;
}

Answer TradingBook::submit(const core::OrderRequest& request, const MarketView& market,
                           const std::string& order_class) {
  for (const auto& order : m_orders) {
    if (order.client_order_id == request.client_order_id) {
      return alpaca_error(422, k_code_validation, "client_order_id must be unique");
    }
  }
  OrderContext context;
  context.order_class = order_class;
  if (const auto price = market.price(request.symbol)) {
    context.price = core::Decimal::from_double(*price);
    context.asset = fake_asset(request.symbol, *price);
  }
  const std::string key = request.symbol.str();
  if (auto held = m_positions.find(key); held != m_positions.end()) {
    context.existing_qty = held->second.qty;
  }
  for (const auto& order : m_orders) {
    if (core::is_open(order.status) && order.side == core::Side::sell &&
        order.symbol.str() == key) {
      context.held_for_orders += order.remaining_qty();
      context.related_orders.push_back(order.id);
    }
  }
  context.cash = m_cash;
  context.buying_power = m_cash - reserved_for_buys(market);
  if (auto refused = refuse_order(request, context)) {
    return std::move(*refused);
  }
  core::Order order = core::make_order(request, market.now);
  order.id = next_uuid();
  const bool market_order = request.type == core::OrderType::market;
  order.status = crypto(request.symbol)       ? core::OrderStatus::pending_new
                 : market.equity_session_open ? core::OrderStatus::new_
                 : market_order               ? core::OrderStatus::accepted
                                              : core::OrderStatus::new_;
  m_orders.push_back(order);
  save();
  return {200, order_json(order)};
}

void TradingBook::advance(const MarketView& market) {
  bool changed = false;
  for (auto& order : m_orders) {
    if (!core::is_open(order.status) || market.now < order.submitted_at) {
      continue;
    }
    const auto price = market.price(order.symbol);
    if (!price) {
      continue;
    }
    if (!crypto(order.symbol) && !market.equity_session_open) {
      continue;
    }
    const bool buy = order.side == core::Side::buy;
    const double limit = order.limit_price ? order.limit_price->to_double() : 0;
    bool fills = order.type == core::OrderType::market;
    if (order.type == core::OrderType::limit) {
      fills = buy ? *price <= limit : *price >= limit;
    }
    if (order.type == core::OrderType::stop || order.type == core::OrderType::stop_limit) {
      const double stop = order.stop_price->to_double();
      fills = buy ? *price >= stop : *price <= stop;
    }
    if (fills) {
      fill(order, order.type == core::OrderType::limit ? std::min(*price, limit) : *price,
           market.now);
      if (order.type == core::OrderType::limit && !buy) {
        order.filled_avg_price = core::Decimal::from_double(std::max(*price, limit));
      }
      changed = true;
    } else if (order.time_in_force == core::TimeInForce::ioc) {
      order.status = core::OrderStatus::canceled;
      order.canceled_at = market.now;
      changed = true;
    }
  }
  if (changed) {
    save();
  }
}

void TradingBook::fill(core::Order& order, double raw_price, core::UtcTime now) {
  const core::Decimal price = core::Decimal::from_double(raw_price);
  const std::string key = order.symbol.str();
  core::Decimal qty = order.notional
                          ? (*order.notional / price).floor_to(core::Decimal::from_units(1))
                          : order.remaining_qty();
  const bool is_crypto = crypto(order.symbol);
  const double rate = is_crypto ? m_fee_rate : 0.0;
  Holding& holding = m_positions[key];
  holding.symbol = order.symbol;
  if (order.side == core::Side::sell) {
    qty = std::min(qty, holding.qty);
  }
  const core::Decimal notional = qty * price;
  if (order.side == core::Side::buy) {
    if (notional > m_cash) {
      order.status = core::OrderStatus::rejected;
      order.failed_at = now;
      if (holding.qty.is_zero()) {
        m_positions.erase(key);
      }
      return;
    }
    m_cash -= notional;
    holding.qty += qty - core::Decimal::from_double(qty.to_double() * rate);
    holding.cost_basis += notional;
  } else {
    m_cash += notional - core::Decimal::from_double(notional.to_double() * rate);
    const core::Decimal avg =
        holding.qty.is_zero() ? core::Decimal{} : holding.cost_basis / holding.qty;
    holding.cost_basis -= avg * qty;
    holding.qty -= qty;
  }
  if (holding.qty.is_zero()) {
    m_positions.erase(key);
  }
  order.filled_qty += qty;
  order.filled_avg_price = price;
  order.status = core::OrderStatus::filled;
  order.filled_at = now;
  order.updated_at = now;
  m_activities.push_back({{"id", activity_stamp(now) + "::" + next_uuid()},
                          {"activity_type", "FILL"},
                          {"transaction_time", core::format_rfc3339(now)},
                          {"type", "fill"},
                          {"price", price.to_string()},
                          {"qty", qty.to_string()},
                          {"side", std::string(core::to_string(order.side))},
                          {"symbol", key},
                          {"leaves_qty", "0"},
                          {"order_id", order.id},
                          {"cum_qty", order.filled_qty.to_string()},
                          {"order_status", "filled"}});
}

Answer TradingBook::account(const MarketView& market) const {
  core::Decimal long_value;
  for (const auto& [key, holding] : m_positions) {
    const auto price = market.price(holding.symbol);
    long_value += price ? holding.qty * core::Decimal::from_double(*price) : holding.cost_basis;
  }
  const core::Decimal free = m_cash - reserved_for_buys(market);
  const std::string power = (free.is_negative() ? core::Decimal{} : free).to_string();
  const std::string equity = (m_cash + long_value).to_string();
  return {200,
          {{"id", "00000000-0000-4000-8000-fa4ea1ace000"},
           {"account_number", "PA0FAKE"},
           {"status", "ACTIVE"},
           {"crypto_status", "ACTIVE"},
           {"currency", "USD"},
           {"cash", m_cash.to_string()},
           {"buying_power", power},
           {"non_marginable_buying_power", power},
           {"equity", equity},
           {"portfolio_value", equity},
           {"last_equity", equity},
           {"long_market_value", long_value.to_string()},
           {"multiplier", "1"},
           {"trading_blocked", false},
           {"account_blocked", false},
           {"transfers_blocked", false},
           {"trade_suspended_by_user", false},
           {"crypto_tier", 1}}};
}

Answer TradingBook::positions(const MarketView& market) const {
  json list = json::array();
  for (const auto& [key, holding] : m_positions) {
    const auto raw = market.price(holding.symbol);
    const core::Decimal price = raw ? core::Decimal::from_double(*raw) : core::Decimal{};
    const core::Decimal value = holding.qty * price;
    list.push_back({{"asset_id", "fake-" + holding.symbol.position_form()},
                    {"symbol", holding.symbol.position_form()},
                    {"exchange", crypto(holding.symbol) ? "CRYPTO" : "NASDAQ"},
                    {"asset_class", std::string(core::to_string(holding.symbol.asset_class()))},
                    {"qty", holding.qty.to_string()},
                    {"qty_available", (holding.qty - held_for_sells(key)).to_string()},
                    {"side", "long"},
                    {"avg_entry_price", (holding.cost_basis / holding.qty).to_string()},
                    {"cost_basis", holding.cost_basis.to_string()},
                    {"market_value", value.to_string()},
                    {"current_price", price.to_string()},
                    {"unrealized_pl", (value - holding.cost_basis).to_string()}});
  }
  return {200, list};
}

Answer TradingBook::orders(const std::string& status, bool ascending) const {
  json list = json::array();
  for (const auto& order : m_orders) {
    const bool open = core::is_open(order.status);
    if (status == "all" || (status == "closed" ? !open : open)) {
      list.push_back(order_json(order));
    }
  }
  if (!ascending) {
    std::reverse(list.begin(), list.end());
  }
  return {200, list};
}

Answer TradingBook::order_by_client_id(const std::string& id) const {
  for (const auto& order : m_orders) {
    if (order.client_order_id == id) {
      return {200, order_json(order)};
    }
  }
  return alpaca_error(404, 40410000, "order not found for " + id);
}

Answer TradingBook::cancel(const std::string& order_id, core::UtcTime now) {
  for (auto& order : m_orders) {
    if (order.id == order_id) {
      if (!core::is_open(order.status)) {
        return alpaca_error(422, 42210000, "order is not cancelable");
      }
      order.status = core::OrderStatus::canceled;
      order.canceled_at = now;
      order.updated_at = now;
      save();
      return {204, nullptr};
    }
  }
  return alpaca_error(404, 40410000, "order not found for " + order_id);
}

Answer TradingBook::cancel_all(core::UtcTime now) {
  json list = json::array();
  for (auto& order : m_orders) {
    if (core::is_open(order.status)) {
      order.status = core::OrderStatus::canceled;
      order.canceled_at = now;
      order.updated_at = now;
      list.push_back({{"id", order.id}, {"status", 200}, {"body", order_json(order)}});
    }
  }
  save();
  return {207, list};
}

Answer TradingBook::close_position(const std::string& symbol, const MarketView& market) {
  auto parsed = core::classify_symbol(symbol);
  const auto held = parsed ? m_positions.find(parsed->str()) : m_positions.end();
  if (held == m_positions.end()) {
    return alpaca_error(404, 40410000, "position does not exist");
  }
  core::OrderRequest request;
  request.symbol = held->second.symbol;
  request.side = core::Side::sell;
  // The whole position, as Alpaca's close asks for: shares held by open orders make it fail
  // with 403 insufficient qty available (close_all_positions_207.json).
  request.qty = held->second.qty;
  request.time_in_force = crypto(request.symbol) ? core::TimeInForce::gtc : core::TimeInForce::day;
  request.client_order_id = "close-" + next_uuid();
  return submit(request, market);
}

Answer TradingBook::close_all(const MarketView& market) {
  cancel_all(market.now);
  json list = json::array();
  std::vector<core::Symbol> held;
  for (const auto& [key, holding] : m_positions) {
    held.push_back(holding.symbol);
  }
  for (const auto& symbol : held) {
    Answer answer = close_position(symbol.str(), market);
    list.push_back(
        {{"symbol", symbol.position_form()}, {"status", answer.status}, {"body", answer.body}});
  }
  return {207, list};
}

Answer TradingBook::activities(std::optional<core::UtcTime> after,
                               std::optional<core::UtcTime> until, bool ascending,
                               std::size_t page_size, const std::string& page_token) const {
  std::vector<const json*> rows;
  for (const auto& row : m_activities) {
    const auto time = core::parse_rfc3339(row.value("transaction_time", ""));
    if (!time || (after && !(*after < *time)) || (until && !(*time < *until))) {
      continue;
    }
    rows.push_back(&row);
  }
  if (!ascending) {
    std::reverse(rows.begin(), rows.end());
  }
  std::size_t start = 0;
  if (!page_token.empty()) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if ((*rows[i])["id"] == page_token) {
        start = i + 1;
      }
    }
  }
  json list = json::array();
  for (std::size_t i = start; i < rows.size() && list.size() < page_size; ++i) {
    list.push_back(*rows[i]);
  }
  return {200, list};
}

} // namespace crew::fake_alpaca
