#include "engine/scheduler.hpp"

#include "calendar/market_calendar.hpp"

namespace crew::engine {

Scheduler::Scheduler(config::SchedulerConfig config, bool trade_forex)
    : m_config(config), m_rotation(config, trade_forex) {}

bool in_us_closing_window(core::UtcTime now, int minutes_before) {
  if (!calendar::is_open(core::AssetClass::us_equity, now)) {
    return false;
  }
  const auto close = calendar::next_close(core::AssetClass::us_equity, now);
  return close && *close - now <= std::chrono::minutes{minutes_before};
}

TickPlan Scheduler::plan(core::UtcTime now, const scan::PerformanceByMarket& performance) {
  const auto decision = m_rotation.choose(now, performance);
  TickPlan plan;
  plan.market = decision.market;
  plan.reason = decision.reason;
  plan.scan_interval = decision.scan_interval;
  if (m_market != decision.market) {
    if (m_market) {
      plan.switched_from = m_market;
    }
    plan.close_crypto_positions = m_market && decision.market == core::AssetClass::us_equity &&
                                  m_config.crypto_at_us_open == "close";
    m_market = decision.market;
    m_next_scan.reset(); // a new market is scanned at once
  }
  plan.close_us_positions = in_us_closing_window(now, m_config.close_before_us_close_minutes);
  plan.entries_allowed = !(plan.market == core::AssetClass::us_equity && plan.close_us_positions);
  if (!m_next_scan || now >= *m_next_scan) {
    plan.scan_due = true;
    // The next scan on the interval grid (scans at :00, :05, … for a 5-minute interval).
    const auto interval = plan.scan_interval.count() > 0 ? plan.scan_interval.count() : 1;
    const auto grid = now.ns() - (now.ns() % interval);
    m_next_scan = core::UtcTime::from_ns(grid + interval);
  }
  return plan;
}

} // namespace crew::engine
