#pragma once
// TradingRoutes: fake_alpaca's trading endpoints (account, orders, positions, FILL activities,
// cancel-all and close-all with 207) and its test controls (/_fake/clock, /_fake/price,
// /_fake/faults), answering from a TradingBook priced by the bar replay at the fake clock.
#include "bar_source.hpp"
#include "fake_clock.hpp"
#include "route_context.hpp"
#include "trading_state.hpp"

#include <httplib.h>

#include <atomic>
#include <map>
#include <mutex>

namespace crew::fake_alpaca {

class TradingRoutes {
public:
  TradingRoutes(const BarSource& source, FakeClock& clock, TradingBook& book);
  void add(httplib::Server& server);

private:
  std::optional<double> price(const core::Symbol& symbol, core::UtcTime now) const;
  MarketView view() const;

  const BarSource& m_source;
  FakeClock& m_clock;
  TradingBook& m_book;
  mutable std::mutex m_mutex;
  std::map<std::string, double> m_pinned;
  std::atomic<bool> m_drop_next_order{false};
  std::atomic<std::uint64_t> m_auto_ids{1};
};

} // namespace crew::fake_alpaca
