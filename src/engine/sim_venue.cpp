#include "engine/sim_venue.hpp"

#include <algorithm>
#include <tuple>

namespace crew::engine {

PriceFeed bar_feed(std::vector<data::BarSeries> prices) {
  std::vector<std::shared_ptr<BarStream>> streams;
  for (auto& series : prices) {
    streams.push_back(std::make_shared<BarStream>(std::move(series)));
  }
  return bar_feed(std::move(streams));
}

PriceFeed bar_feed(std::vector<std::shared_ptr<BarStream>> prices) {
  std::vector<core::Symbol> symbols;
  for (const auto& stream : prices) {
    symbols.push_back(stream->symbol());
  }
  auto feed = [prices = std::move(prices)](broker::SimBroker& broker, core::UtcTime from,
                                           core::UtcTime to) -> core::Status {
    // (open time, series, bar) of every bar completed in (from, to], fed oldest first across
    // symbols so SimBroker's time only moves forward.
    std::vector<std::tuple<core::UtcTime, std::size_t, core::Bar>> due;
    for (std::size_t i = 0; i < prices.size(); ++i) {
      const auto timeframe = prices[i]->timeframe();
      auto read =
          prices[i]->for_each(first_incomplete(timeframe, from), first_incomplete(timeframe, to),
                              [&](const core::Bar& bar) { due.emplace_back(bar.time, i, bar); });
      if (!read) {
        return read;
      }
    }
    std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    for (const auto& [time, i, bar] : due) {
      broker.on_price(prices[i]->symbol(), bar);
    }
    return {};
  };
  return PriceFeed{std::move(feed), std::move(symbols)};
}

PriceFeed latest_price_feed(broker::MarketData& data, std::vector<core::Symbol> symbols) {
  auto feed = [&data, symbols](broker::SimBroker& broker, core::UtcTime /*from*/,
                               core::UtcTime to) -> core::Status {
    auto prices = data.latest_prices(symbols, to);
    if (!prices) {
      return prices.error();
    }
    for (const auto& symbol : symbols) {
      if (const auto found = prices->find(symbol.str()); found != prices->end()) {
        broker.on_price(symbol, found->second, to);
      }
    }
    return {};
  };
  return PriceFeed{std::move(feed), std::move(symbols)};
}

SimVenue::SimVenue(broker::SimBrokerSettings settings, const Clock& clock, PriceFeed feed)
    : m_broker(std::move(settings)), m_clock(clock), m_feed(std::move(feed)) {
  for (const auto& symbol : m_feed.symbols) {
    m_broker.list_asset(symbol);
  }
}

void SimVenue::set_asset(const core::Symbol& symbol, broker::AssetRules rules) {
  m_broker.set_asset(symbol, rules);
}

std::optional<broker::AssetRules> SimVenue::asset_rules(const core::Symbol& symbol) {
  return m_broker.asset_rules(symbol);
}

bool SimVenue::attach_stop(const std::string& entry_client_order_id,
                           const broker::ProtectiveStop& stop) {
  return m_broker.attach_stop(entry_client_order_id, stop);
}

void SimVenue::import_state(broker::SimBrokerState state) {
  // Prices up to the restored broker's time were fed to it by the session that saved it.
  m_fed_until = state.now;
  m_broker.import_state(std::move(state));
}

core::Status SimVenue::catch_up() {
  const auto now = m_clock.now();
  if (m_fed_until && now <= *m_fed_until) {
    return {};
  }
  const auto from = m_fed_until.value_or(core::UtcTime::from_ns(0));
  if (auto fed = m_feed.feed(m_broker, from, now); !fed) {
    return fed;
  }
  m_fed_until = now;
  m_broker.set_time(now);
  return {};
}

core::Result<core::Account> SimVenue::account() {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.account();
}

core::Result<std::vector<core::Position>> SimVenue::positions() {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.positions();
}

core::Result<std::vector<core::Order>> SimVenue::open_orders() {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.open_orders();
}

broker::SubmitResult SimVenue::submit(const core::OrderRequest& request) {
  // Without fresh prices the order is still judged on the last ones known (as at a venue whose
  // data feed lags); the fill waits for the next price anyway.
  (void)catch_up();
  return m_broker.submit(request);
}

core::Status SimVenue::cancel(const std::string& order_id) {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.cancel(order_id);
}

core::Result<core::Order> SimVenue::close_position(const core::Symbol& symbol) {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.close_position(symbol);
}

core::Status SimVenue::close_all() {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.close_all();
}

core::Result<std::optional<core::Order>> SimVenue::order_by_client_id(const std::string& id) {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.order_by_client_id(id);
}

core::Result<std::vector<core::Fill>> SimVenue::fills_since(core::UtcTime since) {
  if (auto fed = catch_up(); !fed) {
    return fed.error();
  }
  return m_broker.fills_since(since);
}

} // namespace crew::engine
