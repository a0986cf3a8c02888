#include "execution/fill_rules.hpp"

#include <algorithm>

namespace crew::execution {
namespace {

Crossing stop_limit(const RestingOrder& order, const core::Bar& bar, const Slippage& slippage) {
  if (order.side == core::Side::sell) {
    if (bar.low > order.stop) {
      return {};
    }
    const double trigger = std::min(bar.open, order.stop);
    if (trigger >= order.limit) {
      return {true, std::max(order.limit, slippage.sell(trigger))};
    }
    // Gapped below the limit: a limit sell, filled only if the bar comes back up to it.
    if (bar.high >= order.limit) {
      return {true, order.limit};
    }
    return {};
  }
  if (bar.high < order.stop) {
    return {};
  }
  const double trigger = std::max(bar.open, order.stop);
  if (trigger <= order.limit) {
    return {true, std::min(order.limit, slippage.buy(trigger))};
  }
  if (bar.low <= order.limit) {
    return {true, order.limit};
  }
  return {};
}

} // namespace

RestingOrder protective_stop(core::AssetClass asset_class, double stop_price, double limit_offset) {
  if (asset_class == core::AssetClass::crypto) {
    return {core::OrderType::stop_limit, core::Side::sell, stop_price * (1.0 - limit_offset),
            stop_price};
  }
  return {core::OrderType::stop, core::Side::sell, 0.0, stop_price};
}

Crossing cross(const RestingOrder& order, const core::Bar& bar, const Slippage& slippage) {
  const bool buy = order.side == core::Side::buy;
  switch (order.type) {
  case core::OrderType::market:
    return {true, buy ? slippage.buy(bar.open) : slippage.sell(bar.open)};
  case core::OrderType::limit:
    if (buy && bar.low <= order.limit) {
      return {true, std::min(bar.open, order.limit)};
    }
    if (!buy && bar.high >= order.limit) {
      return {true, std::max(bar.open, order.limit)};
    }
    return {};
  case core::OrderType::stop:
    if (buy && bar.high >= order.stop) {
      return {true, slippage.buy(std::max(bar.open, order.stop))};
    }
    if (!buy && bar.low <= order.stop) {
      return {true, slippage.sell(std::min(bar.open, order.stop))};
    }
    return {};
  case core::OrderType::stop_limit:
    return stop_limit(order, bar, slippage);
  }
  return {};
}

} // namespace crew::execution
