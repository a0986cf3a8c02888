#include "report/review_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iterator>

namespace crew::report {
namespace {

constexpr const char* k_header = "{:<12} {:>6} {:>8} {:>7} {:>12} {:>10} {:>10} {:>7}\n";

void append_row(std::string& out, const TradeStats& s, const std::string& indent) {
  fmt::format_to(std::back_inserter(out), k_header, indent + s.name, s.trades,
                 s.trades > 0 ? fmt::format("{:.1f}%", 100.0 * s.win_rate) : "-",
                 format_profit_factor(s), fmt::format("{:.2f}", s.net_pnl),
                 fmt::format("{:.2f}", s.fees), fmt::format("{:.2f}", s.max_drawdown),
                 fmt::format("{:.2f}%", 100.0 * s.max_drawdown_fraction));
}

std::string trade_line(const state::TradeRecord& t) {
  return fmt::format("{} {} ({}, {}) {} -> {}, pnl {}, exit {}", t.symbol.str(),
                     core::to_string(t.market), t.strategy, core::format_rfc3339(t.exit_time),
                     t.entry_price.to_string(), t.exit_price.to_string(), t.pnl.to_string(),
                     t.exit_reason);
}

nlohmann::json trade_json(const std::optional<state::TradeRecord>& t) {
  if (!t) {
    return nullptr;
  }
  return {{"symbol", t->symbol.str()},
          {"market", std::string(core::to_string(t->market))},
          {"strategy", t->strategy},
          {"entry_time", core::format_rfc3339(t->entry_time)},
          {"exit_time", core::format_rfc3339(t->exit_time)},
          {"pnl", t->pnl.to_double()},
          {"exit_reason", t->exit_reason}};
}

nlohmann::json stats_json(const TradeStats& s) {
  return {{"name", s.name},
          {"trades", s.trades},
          {"wins", s.wins},
          {"win_rate_pct", 100.0 * s.win_rate},
          {"profit_factor",
           std::isinf(s.profit_factor) ? nlohmann::json(nullptr) : nlohmann::json(s.profit_factor)},
          {"net_pnl", s.net_pnl},
          {"fees", s.fees},
          {"average_pnl", s.average_pnl},
          {"max_drawdown", s.max_drawdown},
          {"max_drawdown_pct", 100.0 * s.max_drawdown_fraction},
          {"best", trade_json(s.best)},
          {"worst", trade_json(s.worst)}};
}

} // namespace

std::string format_profit_factor(const TradeStats& stats) {
  if (stats.trades == 0) {
    return "-";
  }
  return std::isinf(stats.profit_factor) ? "inf" : fmt::format("{:.2f}", stats.profit_factor);
}

std::string render_text(const Review& r) {
  std::string out;
  fmt::format_to(std::back_inserter(out), "Report from {} to {}\n", core::format_rfc3339(r.from),
                 core::format_rfc3339(r.to));
  const double change = r.start_equity > 0 ? r.end_equity / r.start_equity - 1.0 : 0.0;
  fmt::format_to(std::back_inserter(out),
                 "Equity {:.2f} -> {:.2f} ({:+.2f}%), max drawdown {:.2f}% ({})\n\n",
                 r.start_equity, r.end_equity, 100.0 * change, 100.0 * r.max_drawdown_fraction,
                 r.equity_recorded ? "per-tick equity" : "estimated from closed trades");
  fmt::format_to(std::back_inserter(out), k_header, "", "trades", "win rate", "PF", "net P&L",
                 "fees", "max DD $", "max DD");
  append_row(out, r.total, "");
  out += "by market\n";
  for (const auto& s : r.by_market) {
    append_row(out, s, "  ");
  }
  out += "by strategy\n";
  for (const auto& s : r.by_strategy) {
    append_row(out, s, "  ");
  }
  if (r.total.best) {
    out += "\nbest trade   " + trade_line(*r.total.best) + "\n";
    out += "worst trade  " + trade_line(*r.total.worst) + "\n";
  }
  const auto& ops = r.operations;
  out += "\noperations\n";
  if (ops.api_calls_simulated && ops.api_calls == 0) {
    out += "  API calls        0 (simulated session: no requests)\n";
  } else {
    fmt::format_to(std::back_inserter(out), "  API calls        {} ({:.2f}% of the quota{})\n",
                   ops.api_calls, 100.0 * ops.api_quota_fraction,
                   ops.api_calls_simulated
                       ? "; from an earlier real session: the last one was simulated"
                       : "");
  }
  if (ops.uptime) {
    fmt::format_to(std::back_inserter(out),
                   "  uptime           {:.1f}% since {} ({} heartbeats, longest gap {} s)\n",
                   100.0 * *ops.uptime, core::format_rfc3339(*ops.monitored_from), ops.heartbeats,
                   std::chrono::duration_cast<std::chrono::seconds>(ops.longest_gap).count());
  } else {
    out += "  uptime           - (the loop did not run in this period)\n";
  }
  fmt::format_to(std::back_inserter(out), "  alerts {}, halts {}, market switches {}\n", ops.alerts,
                 ops.halts, ops.market_switches);
  return out;
}

std::string to_json(const Review& r) {
  nlohmann::json by_market = nlohmann::json::array();
  for (const auto& s : r.by_market) {
    by_market.push_back(stats_json(s));
  }
  nlohmann::json by_strategy = nlohmann::json::array();
  for (const auto& s : r.by_strategy) {
    by_strategy.push_back(stats_json(s));
  }
  const auto& ops = r.operations;
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : ops.api_calls_by_day) {
    days.push_back({{"day", core::format_date(d.day)}, {"calls", d.calls}});
  }
  nlohmann::json operations = {
      {"api_calls", ops.api_calls},
      {"api_calls_simulated", ops.api_calls_simulated},
      {"api_quota_pct", 100.0 * ops.api_quota_fraction},
      {"api_calls_by_day", days},
      {"uptime_pct", ops.uptime ? nlohmann::json(100.0 * *ops.uptime) : nlohmann::json(nullptr)},
      {"heartbeats", ops.heartbeats},
      {"longest_gap_seconds",
       std::chrono::duration_cast<std::chrono::seconds>(ops.longest_gap).count()},
      {"alerts", ops.alerts},
      {"halts", ops.halts},
      {"market_switches", ops.market_switches}};
  const nlohmann::json json = {{"from", core::format_rfc3339(r.from)},
                               {"to", core::format_rfc3339(r.to)},
                               {"equity",
                                {{"start", r.start_equity},
                                 {"end", r.end_equity},
                                 {"max_drawdown_pct", 100.0 * r.max_drawdown_fraction},
                                 {"recorded", r.equity_recorded}}},
                               {"total", stats_json(r.total)},
                               {"by_market", by_market},
                               {"by_strategy", by_strategy},
                               {"operations", operations}};
  return json.dump(2) + "\n";
}

} // namespace crew::report
