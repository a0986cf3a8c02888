// Position limits: no shorting, one open order per symbol, at most N open positions across all
// markets (pending entries count, so two quick entries cannot both slip under the limit), at
// most M entries per UTC day, and no position above max_position_fraction of equity.
#include "risk/risk_rules.hpp"

#include <fmt/format.h>

#include <set>

namespace crew::risk {
namespace {

const core::Position* held(const RiskState& state, const core::Symbol& symbol) {
  for (const core::Position& p : state.positions) {
    if (p.symbol == symbol && !p.qty.is_zero()) {
      return &p;
    }
  }
  return nullptr;
}

} // namespace

std::optional<Refusal> check_no_short(const OrderContext& c) {
  if (c.request.side != core::Side::sell || c.exit) {
    return std::nullopt;
  }
  const core::Position* position = held(c.state, c.request.symbol);
  return Refusal{
      "no_short",
      position == nullptr
          ? fmt::format("sell of {} without a position would open a short", c.request.symbol.str())
          : fmt::format("sell of {} {} exceeds the position of {}", c.request.qty.to_string(),
                        c.request.symbol.str(), position->qty.to_string())};
}

std::optional<Refusal> check_duplicate_order(const OrderContext& c) {
  for (const core::Order& o : c.state.open_orders) {
    if (o.symbol == c.request.symbol && core::is_open(o.status)) {
      return Refusal{"duplicate_order",
                     fmt::format("{} already has an open {} order ({})", o.symbol.str(),
                                 core::to_string(o.side), o.client_order_id)};
    }
  }
  return std::nullopt;
}

std::optional<Refusal> check_max_open_positions(const OrderContext& c) {
  if (held(c.state, c.request.symbol) != nullptr) {
    return std::nullopt; // adding to a held position opens no new one
  }
  std::set<std::string> open;
  for (const core::Position& p : c.state.positions) {
    if (!p.qty.is_zero()) {
      open.insert(p.symbol.str());
    }
  }
  for (const core::Order& o : c.state.open_orders) {
    if (o.side == core::Side::buy && core::is_open(o.status)) {
      open.insert(o.symbol.str());
    }
  }
  if (static_cast<int>(open.size()) >= c.limits.max_open_positions) {
    return Refusal{"max_open_positions", fmt::format("{} positions open or pending (limit {})",
                                                     open.size(), c.limits.max_open_positions)};
  }
  return std::nullopt;
}

std::optional<Refusal> check_entries_per_day(const OrderContext& c) {
  const auto today = c.now.day();
  int entries = 0;
  for (core::UtcTime t : c.state.entry_times) {
    entries += t.day() == today ? 1 : 0;
  }
  if (entries >= c.limits.max_entries_per_day) {
    return Refusal{"max_entries_per_day", fmt::format("{} entries today (UTC), limit {}", entries,
                                                      c.limits.max_entries_per_day)};
  }
  return std::nullopt;
}

std::optional<Refusal> check_position_size(const OrderContext& c) {
  if (!c.notional) {
    return std::nullopt; // check_price_known refuses orders that cannot be valued
  }
  core::Decimal exposure = *c.notional;
  if (const core::Position* position = held(c.state, c.request.symbol)) {
    exposure += position->market_value.abs();
  }
  const core::Decimal cap =
      c.state.account.equity * core::Decimal::from_double(c.limits.max_position_fraction);
  if (exposure > cap) {
    return Refusal{"position_size",
                   fmt::format("{} position worth ${} exceeds {:.1f}% of equity (${})",
                               c.request.symbol.str(), exposure.to_string(),
                               c.limits.max_position_fraction * 100, cap.to_string())};
  }
  return std::nullopt;
}

} // namespace crew::risk
