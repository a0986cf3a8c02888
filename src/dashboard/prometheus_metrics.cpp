#include "dashboard/prometheus_metrics.hpp"

#include <fmt/format.h>

#include <map>

namespace crew::dashboard {
namespace {

class Exposition {
public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    m_text += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
  }
  void sample(std::string_view name, double value) {
    m_text += fmt::format("{} {}\n", name, value);
  }
  void sample(std::string_view name, std::string_view label, std::string_view label_value,
              double value) {
    m_text +=
        fmt::format("{}{{{}=\"{}\"}} {}\n", name, label, escape_label_value(label_value), value);
  }
  std::string take() { return std::move(m_text); }

private:
  std::string m_text;
};

} // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

core::Result<std::string> prometheus_metrics(ViewContext& context) {
  auto& store = context.store;
  auto equity = store.setting("account.equity");
  auto positions = store.positions();
  auto performance = store.market_performance();
  auto orders = store.orders();
  auto calls_total = store.count_api_calls(core::UtcTime{}, context.now + std::chrono::seconds{1});
  auto calls_24h = store.count_api_calls(context.now - std::chrono::hours{24},
                                         context.now + std::chrono::seconds{1});
  auto halt = store.halt_state();
  auto wall_of_tick = last_tick_wall_time(context);
  auto alerts =
      store.events(core::UtcTime{}, context.now + std::chrono::seconds{1}, state::EventKind::alert);
  if (!equity || !positions || !performance || !orders || !calls_total || !calls_24h || !halt ||
      !wall_of_tick || !alerts) {
    return core::Error{"cannot read the state store", store.path().string()};
  }
  Exposition out;
  out.family("crew_equity_usd", "gauge", "Account equity at the last loop tick.");
  if (equity->has_value()) {
    if (auto parsed = core::parse_decimal(**equity); parsed) {
      out.sample("crew_equity_usd", parsed->to_double());
    }
  }
  out.family("crew_open_positions", "gauge", "Open positions.");
  out.sample("crew_open_positions", static_cast<double>(positions->size()));
  out.family("crew_unrealized_pnl_usd", "gauge", "Unrealised profit of each open position.");
  for (const auto& p : *positions) {
    out.sample("crew_unrealized_pnl_usd", "symbol", p.position.symbol.str(),
               p.position.unrealized_pl.to_double());
  }
  out.family("crew_trades_total", "counter", "Closed round trips per market.");
  out.family("crew_realized_pnl_usd", "gauge", "Realised profit net of fees per market.");
  for (const auto& p : *performance) {
    const auto market = core::to_string(p.market);
    out.sample("crew_trades_total", "market", market, static_cast<double>(p.trades));
    out.sample("crew_realized_pnl_usd", "market", market, p.total_pnl.to_double());
  }
  std::map<std::string, std::int64_t> by_status;
  for (const auto& r : *orders) {
    ++by_status[r.status_text()];
  }
  out.family("crew_orders", "gauge", "Stored orders by status (intent: written, not yet sent).");
  for (const auto& [status, count] : by_status) {
    out.sample("crew_orders", "status", status, static_cast<double>(count));
  }
  out.family("crew_api_calls_total", "counter", "Alpaca API calls recorded.");
  out.sample("crew_api_calls_total", static_cast<double>(*calls_total));
  out.family("crew_api_calls_24h", "gauge", "Alpaca API calls in the last 24 hours.");
  out.sample("crew_api_calls_24h", static_cast<double>(*calls_24h));
  const double quota =
      static_cast<double>(context.settings.config.alpaca.requests_per_minute) * 24 * 60;
  out.family("crew_api_quota_ratio", "gauge", "API calls in the last 24 hours over the quota.");
  out.sample("crew_api_quota_ratio", quota > 0 ? static_cast<double>(*calls_24h) / quota : 0.0);
  out.family("crew_halted", "gauge", "1 while trading is halted.");
  out.sample("crew_halted", halt->halted ? 1.0 : 0.0);
  out.family("crew_last_loop_age_seconds", "gauge",
             "Wall-clock seconds since the loop's last tick (absent when unknown).");
  if (wall_of_tick->has_value()) {
    out.sample("crew_last_loop_age_seconds",
               std::chrono::duration<double>(context.wall_now - **wall_of_tick).count());
  }
  out.family("crew_alerts_total", "counter", "Alerts recorded.");
  out.sample("crew_alerts_total", static_cast<double>(alerts->size()));
  return out.take();
}

} // namespace crew::dashboard
