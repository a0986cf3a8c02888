#include "report/review_html.hpp"

#include "backtest/svg_chart.hpp"
#include "report/review_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>

namespace crew::report {
namespace {

using backtest::escape_html;

// After backtest::k_report_page_style.
constexpr std::string_view k_style = R"(
table { border-collapse: collapse; font-size: 12px; max-width: 1100px; width: 100%; }
th, td { padding: 3px 8px; border-bottom: 1px solid #eceff3; text-align: right;
         white-space: nowrap; }
th { background: #f5f7fa; } td.name, th.name { text-align: left; }
)";

constexpr std::size_t k_max_listed_trades = 500;

const char* market_colour(std::string_view market) {
  if (market == "US_EQUITY") {
    return "#3b5bdb";
  }
  return market == "CRYPTO" ? "#e8590c" : "#2b8a3e";
}

void metric(std::string& out, std::string_view label, const std::string& value) {
  fmt::format_to(std::back_inserter(out),
                 "<div class='metric'><div class='label'>{}</div><div class='value'>{}</div>"
                 "</div>\n",
                 label, escape_html(value));
}

std::string equity_charts(const Review& r) {
  std::vector<core::UtcTime> times;
  std::vector<double> equity;
  std::vector<double> drawdown;
  double peak = -std::numeric_limits<double>::infinity();
  for (const auto& point : r.equity) {
    times.push_back(point.time);
    equity.push_back(point.equity.to_double());
    peak = std::max(peak, equity.back());
    drawdown.push_back(peak > 0 ? equity.back() / peak - 1.0 : 0.0);
  }
  backtest::ChartSpec spec;
  spec.title = r.equity_recorded ? "Equity (recorded every tick)"
                                 : "Equity (start estimate plus closed trades)";
  spec.times = times;
  spec.lines.push_back({equity, "#3b5bdb", "equity", false});
  std::string out = backtest::render_svg_chart(spec);
  backtest::ChartSpec dd;
  dd.title = "Drawdown from the equity peak";
  dd.height = 200;
  dd.percent = true;
  dd.times = times;
  dd.lines.push_back({drawdown, "#b3261e", "", true});
  return out + backtest::render_svg_chart(dd);
}

// Cumulative P&L after each trade: one line for all, one per market (flat between its trades).
std::string pnl_chart(const Review& r) {
  if (r.trades.empty()) {
    return {};
  }
  std::vector<core::UtcTime> times;
  std::vector<double> all;
  std::map<std::string, std::vector<double>> by_market;
  for (const auto& s : r.by_market) {
    by_market[s.name];
  }
  double total = 0;
  std::map<std::string, double> running;
  for (const auto& t : r.trades) {
    times.push_back(t.exit_time);
    total += t.pnl.to_double();
    all.push_back(total);
    running[std::string(core::to_string(t.market))] += t.pnl.to_double();
    for (auto& [market, values] : by_market) {
      values.push_back(running[market]);
    }
  }
  backtest::ChartSpec spec;
  spec.title = "Cumulative P&L by trade";
  spec.times = times;
  spec.lines.push_back({all, "#1d2330", "all", false});
  for (auto& [market, values] : by_market) {
    spec.lines.push_back({std::move(values), market_colour(market), market, false});
  }
  return backtest::render_svg_chart(spec);
}

std::string api_chart(const Review& r) {
  const auto& days = r.operations.api_calls_by_day;
  if (days.size() < 2) {
    return {};
  }
  std::vector<core::UtcTime> times;
  std::vector<double> calls;
  for (const auto& d : days) {
    times.push_back(core::UtcTime::from_sys(d.day));
    calls.push_back(static_cast<double>(d.calls));
  }
  backtest::ChartSpec spec;
  spec.title = "API calls per UTC day";
  spec.height = 200;
  spec.times = times;
  spec.lines.push_back({calls, "#5f3dc4", "calls", false});
  return backtest::render_svg_chart(spec);
}

void stats_table(std::string& out, std::string_view title, const std::vector<TradeStats>& rows) {
  fmt::format_to(std::back_inserter(out),
                 "<h2>{}</h2>\n<table><tr><th class='name'></th><th>trades</th><th>win rate</th>"
                 "<th>profit factor</th><th>net P&amp;L</th><th>fees</th><th>avg P&amp;L</th>"
                 "<th>max DD $</th><th>max DD</th><th class='name'>best</th>"
                 "<th class='name'>worst</th></tr>\n",
                 title);
  const auto trade_cell = [](const std::optional<state::TradeRecord>& t) {
    return t ? escape_html(fmt::format("{} {:.2f}", t->symbol.str(), t->pnl.to_double())) : "-";
  };
  for (const auto& s : rows) {
    fmt::format_to(std::back_inserter(out),
                   "<tr><td class='name'>{}</td><td>{}</td><td>{:.1f}%</td><td>{}</td>"
                   "<td class='{}'>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td><td>{:.2f}</td>"
                   "<td>{:.2f}%</td><td class='name'>{}</td><td class='name'>{}</td></tr>\n",
                   escape_html(s.name), s.trades, 100.0 * s.win_rate, format_profit_factor(s),
                   s.net_pnl > 0 ? "win" : "loss", s.net_pnl, s.fees, s.average_pnl, s.max_drawdown,
                   100.0 * s.max_drawdown_fraction, trade_cell(s.best), trade_cell(s.worst));
  }
  out += "</table>\n";
}

void trade_list(std::string& out, const std::vector<state::TradeRecord>& trades) {
  const std::size_t skip =
      trades.size() > k_max_listed_trades ? trades.size() - k_max_listed_trades : 0;
  fmt::format_to(std::back_inserter(out), "<h2>Trades ({}{})</h2>\n", trades.size(),
                 skip > 0 ? fmt::format(", the last {} listed", k_max_listed_trades) : "");
  out += "<table><tr><th class='name'>symbol</th><th class='name'>market</th>"
         "<th class='name'>strategy</th><th>entry (UTC)</th><th>exit (UTC)</th><th>qty</th>"
         "<th>entry</th><th>exit</th><th>fees</th><th>P&amp;L</th><th class='name'>exit "
         "reason</th></tr>\n";
  for (std::size_t i = skip; i < trades.size(); ++i) {
    const auto& t = trades[i];
    fmt::format_to(std::back_inserter(out),
                   "<tr><td class='name'>{}</td><td class='name'>{}</td><td class='name'>{}</td>"
                   "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                   "<td class='{}'>{}</td><td class='name'>{}</td></tr>\n",
                   escape_html(t.symbol.str()), core::to_string(t.market), escape_html(t.strategy),
                   core::format_rfc3339(t.entry_time), core::format_rfc3339(t.exit_time),
                   t.qty.to_string(), t.entry_price.to_string(), t.exit_price.to_string(),
                   t.fees.to_string(), t.pnl > core::Decimal{} ? "win" : "loss", t.pnl.to_string(),
                   escape_html(t.exit_reason));
  }
  out += "</table>\n";
}

} // namespace

std::string render_html(const Review& r) {
  std::string out = "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>\n";
  fmt::format_to(std::back_inserter(out),
                 "<title>crew report {} to {}</title>\n<style>{}{}</style>\n",
                 core::format_date(r.from.day()), core::format_date(r.to.day()),
                 backtest::k_report_page_style, k_style);
  out += "</head><body>\n<h1>tradingcrew report</h1>\n";
  fmt::format_to(std::back_inserter(out), "<div class='sub'>{} to {} (UTC)</div>\n",
                 core::format_rfc3339(r.from), core::format_rfc3339(r.to));
  const auto& ops = r.operations;
  out += "<div class='metrics'>\n";
  metric(out, "trades", std::to_string(r.total.trades));
  metric(out, "win rate", fmt::format("{:.1f}%", 100.0 * r.total.win_rate));
  metric(out, "profit factor", format_profit_factor(r.total));
  metric(out, "net P&L", fmt::format("{:.2f}", r.total.net_pnl));
  metric(out, "equity", fmt::format("{:.2f}", r.end_equity));
  metric(out, "max drawdown", fmt::format("{:.2f}%", 100.0 * r.max_drawdown_fraction));
  metric(out, "API calls",
         ops.api_calls_simulated && ops.api_calls == 0
             ? std::string("0 (simulated session: no requests)")
             : fmt::format("{} ({:.2f}% of quota)", ops.api_calls, 100.0 * ops.api_quota_fraction));
  metric(out, "uptime", ops.uptime ? fmt::format("{:.1f}%", 100.0 * *ops.uptime) : "-");
  metric(out, "alerts / halts", fmt::format("{} / {}", ops.alerts, ops.halts));
  out += "</div>\n";
  out += equity_charts(r);
  out += pnl_chart(r);
  out += api_chart(r);
  stats_table(out, "All trades", {r.total});
  stats_table(out, "By market", r.by_market);
  stats_table(out, "By strategy", r.by_strategy);
  trade_list(out, r.trades);
  out += "</body></html>\n";
  return out;
}

core::Status write_html(const std::string& html, const std::filesystem::path& file) {
  std::error_code ec;
  if (file.has_parent_path()) {
    std::filesystem::create_directories(file.parent_path(), ec);
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << html;
  out.close();
  if (!out) {
    return core::Error{"cannot write the report", file.string()};
  }
  return {};
}

} // namespace crew::report
