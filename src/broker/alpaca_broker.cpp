// Submission: shape and venue rules locally, then one POST. A definite 4xx is a rejection (the
// duplicate-id 422 its own kind); a 429, a 5xx or no answer leaves the outcome unknown, so the
// order is looked up by client_order_id with backoff: found → that order; absent or the lookups
// failing → unknown, never rejected: a POST held past our timeout (a proxy, a slow network) can
// still reach Alpaca after every lookup, and a rejection would let the store forget an order the
// broker then fills. The session follows an unknown order every tick and at every restart.
#include "broker/alpaca_broker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

namespace crew::broker {

bool is_duplicate_client_order_id(const alpaca::HttpRefusal& refusal) {
  return refusal.status == 422 &&
         (refusal.message.find("client_order_id must be unique") != std::string::npos);
}

AlpacaBroker::AlpacaBroker(alpaca::TradingClient& client, AlpacaBrokerSettings settings, Nap nap)
    : m_client(client), m_settings(settings), m_nap(std::move(nap)) {
  if (!m_nap) {
    m_nap = [](std::chrono::milliseconds wait) { std::this_thread::sleep_for(wait); };
  }
}

void AlpacaBroker::load_assets() {
  if (m_assets_loaded) {
    return;
  }
  auto assets = m_client.crypto_assets();
  if (!assets) {
    spdlog::warn("alpaca broker: crypto assets unavailable ({}); using symbol rules",
                 assets.error().message());
    return;
  }
  m_assets_loaded = true;
  for (const auto& asset : *assets) {
    auto symbol = core::parse_symbol_as(asset.symbol, core::AssetClass::crypto);
    if (symbol) {
      m_crypto_assets[symbol->position_form()] = asset;
    }
  }
}

std::optional<AssetRules> AlpacaBroker::asset_rules(const core::Symbol& symbol) {
  if (symbol.asset_class() != core::AssetClass::crypto) {
    return std::nullopt;
  }
  load_assets();
  const auto it = m_crypto_assets.find(symbol.position_form());
  if (it == m_crypto_assets.end()) {
    return std::nullopt;
  }
  AssetRules rules;
  rules.tradable = it->second.tradable;
  rules.fractionable = it->second.fractionable;
  rules.min_order_size = it->second.min_order_size;
  rules.min_trade_increment = it->second.min_trade_increment;
  return rules;
}

core::Symbol AlpacaBroker::normalise(const core::Symbol& symbol) const {
  if (symbol.asset_class() != core::AssetClass::crypto) {
    return symbol;
  }
  const auto it = m_crypto_assets.find(symbol.position_form());
  if (it == m_crypto_assets.end()) {
    return symbol;
  }
  auto mapped = core::parse_symbol_as(it->second.symbol, core::AssetClass::crypto);
  return mapped ? *mapped : symbol;
}

void AlpacaBroker::remember(const core::Order& order) {
  m_client_ids[order.id] = order.client_order_id;
}

core::Result<core::Account> AlpacaBroker::account() {
  return m_client.account();
}

core::Result<std::vector<core::Position>> AlpacaBroker::positions() {
  auto positions = m_client.positions();
  if (!positions) {
    return positions;
  }
  load_assets();
  for (auto& position : *positions) {
    position.symbol = normalise(position.symbol);
  }
  return positions;
}

core::Result<std::vector<core::Order>> AlpacaBroker::open_orders() {
  auto orders = m_client.orders("open");
  if (orders) {
    for (const auto& order : *orders) {
      remember(order);
    }
  }
  return orders;
}

SubmitResult AlpacaBroker::submit(const core::OrderRequest& request) {
  VenueContext context;
  const bool crypto = request.symbol.asset_class() == core::AssetClass::crypto;
  if (crypto) {
    load_assets();
    if (auto it = m_crypto_assets.find(request.symbol.position_form());
        it != m_crypto_assets.end()) {
      context.asset.tradable = it->second.tradable;
      context.asset.min_order_size = it->second.min_order_size;
      context.asset.min_trade_increment = it->second.min_trade_increment;
    }
  }
  if (m_prices) {
    context.price = m_prices(request.symbol);
  }
  if (request.side == core::Side::sell) {
    auto held = positions();
    if (!held) {
      return {std::nullopt, SubmitError{SubmitError::Kind::rejected, 0,
                                        "positions unavailable: " + held.error().message()}};
    }
    for (const auto& position : *held) {
      if (position.symbol == request.symbol) {
        context.qty_available = position.qty_available;
      }
    }
  }
  auto ruled = apply_venue_rules(request, context);
  if (!ruled.request) {
    return {std::nullopt, ruled.error};
  }
  auto outcome = m_client.post_order(*ruled.request);
  if (outcome.order) {
    remember(*outcome.order);
    return {std::move(outcome.order), std::nullopt};
  }
  if (outcome.refusal) {
    const auto& refusal = *outcome.refusal;
    if (is_duplicate_client_order_id(refusal)) {
      return {std::nullopt, SubmitError{SubmitError::Kind::duplicate_client_order_id,
                                        refusal.status, refusal.message}};
    }
    if (refusal.status != 429 && refusal.status < 500) {
      return {std::nullopt,
              SubmitError{SubmitError::Kind::rejected, refusal.status, refusal.message}};
    }
  }
  const int status = outcome.refusal ? outcome.refusal->status : 0;
  const std::string why =
      outcome.refusal ? outcome.refusal->message : outcome.transport_error.value_or("no answer");
  spdlog::warn("alpaca broker: submit of {} ended without an answer ({}); looking it up",
               request.client_order_id, why);
  std::string lookups;
  auto wait = m_settings.first_lookup_wait;
  for (int attempt = 0; attempt < std::max(1, m_settings.unanswered_lookups); ++attempt) {
    if (attempt > 0) {
      m_nap(wait);
      wait *= 2;
    }
    auto found = m_client.order_by_client_id(request.client_order_id);
    if (found && found->has_value()) {
      remember(**found);
      return {std::move(*found), std::nullopt};
    }
    lookups = found ? "not found" : "lookup failed: " + found.error().message();
  }
  return {std::nullopt, SubmitError{SubmitError::Kind::unknown, status,
                                    why + "; the broker does not know it yet (" + lookups + ")"}};
}

core::Status AlpacaBroker::cancel(const std::string& order_id) {
  return m_client.cancel_order(order_id);
}

core::Result<core::Order> AlpacaBroker::close_position(const core::Symbol& symbol) {
  auto order = m_client.close_position(symbol);
  if (order) {
    remember(*order);
  }
  return order;
}

core::Status AlpacaBroker::close_all() {
  auto canceled = m_client.cancel_all_orders();
  if (!canceled) {
    return canceled.error();
  }
  auto closed = m_client.close_all_positions();
  if (!closed) {
    return closed.error();
  }
  std::string failures;
  for (const auto& entry : *closed) {
    if (entry.order) {
      remember(*entry.order);
    }
    if (entry.status >= 300) {
      failures += (failures.empty() ? "" : "; ") + entry.key + ": HTTP " +
                  std::to_string(entry.status) +
                  (entry.error ? " " + entry.error->message : std::string());
    }
  }
  if (!failures.empty()) {
    return core::Error{failures, "close all"};
  }
  return {};
}

core::Result<std::optional<core::Order>> AlpacaBroker::order_by_client_id(const std::string& id) {
  auto order = m_client.order_by_client_id(id);
  if (order && order->has_value()) {
    remember(**order);
  }
  return order;
}

core::Result<std::vector<core::Fill>> AlpacaBroker::fills_since(core::UtcTime since) {
  alpaca::ActivityQuery query;
  query.after = core::UtcTime::from_ns(since.ns() - 1); // `after` is exclusive
  auto fills = m_client.fill_activities(query);
  if (!fills) {
    return fills;
  }
  bool refreshed = false;
  load_assets();
  for (auto& fill : *fills) {
    fill.symbol = normalise(fill.symbol);
    if (!m_client_ids.contains(fill.order_id) && !refreshed) {
      refreshed = true;
      if (auto all = m_client.orders("all"); all) {
        for (const auto& order : *all) {
          remember(order);
        }
      }
    }
    if (auto it = m_client_ids.find(fill.order_id); it != m_client_ids.end()) {
      fill.client_order_id = it->second;
    }
    if (fill.symbol.asset_class() == core::AssetClass::crypto) {
      fill.fee =
          core::Decimal::from_double(fill.notional().to_double() * m_settings.crypto_fee_rate);
    }
  }
  return fills;
}

} // namespace crew::broker
