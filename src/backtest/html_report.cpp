#include "backtest/html_report.hpp"

#include "backtest/svg_chart.hpp"

#include <fmt/format.h>

#include <fstream>

namespace crew::backtest {
namespace {

// After k_report_page_style.
constexpr std::string_view k_style = R"(
table.trades { border-collapse: collapse; font-size: 12px; max-width: 1100px; width: 100%; }
table.trades th, table.trades td { padding: 3px 8px; border-bottom: 1px solid #eceff3;
                                   text-align: right; white-space: nowrap; }
table.trades th { background: #f5f7fa; position: sticky; top: 0; }
.note { font-size: 12px; color: #5b6475; max-width: 1100px; }
)";

constexpr std::string_view k_entry_colour = "#137333";
constexpr std::string_view k_exit_colour = "#b3261e";
constexpr std::string_view k_stop_colour = "#e37400";

std::string price_text(double price) {
  return fmt::format("{:.6g}", price);
}

std::string price_chart(const PreparedBars& input, const BacktestResult& result) {
  const auto closes = input.bars.close();
  ChartSpec spec;
  spec.title = "Price (close) with entries ▲ and exits ▼ (orange: stop)";
  spec.height = 340;
  spec.times = input.bars.time();
  spec.lines.push_back({{closes.begin(), closes.end()}, "#3b5bdb", "close", false});
  for (const Trade& trade : result.trades) {
    spec.markers.push_back({trade.entry_index, input.bars.low()[trade.entry_index], true,
                            std::string(k_entry_colour),
                            fmt::format("buy {} at {}", trade.qty, price_text(trade.entry_price))});
    const bool stop = trade.exit_reason == ExitReason::stop;
    spec.markers.push_back({trade.exit_index, input.bars.high()[trade.exit_index], false,
                            std::string(stop ? k_stop_colour : k_exit_colour),
                            fmt::format("sell at {} ({}), pnl {:.2f}", price_text(trade.exit_price),
                                        to_string(trade.exit_reason), trade.pnl)});
  }
  return render_svg_chart(spec);
}

std::string equity_chart(const PreparedBars& input, const BacktestResult& result, double initial) {
  ChartSpec spec;
  spec.title = "Equity, marked at every close";
  spec.times = input.bars.time();
  spec.lines.push_back({result.equity, "#3b5bdb", "strategy", false});
  std::vector<double> hold(input.bars.size());
  if (!hold.empty()) {
    const double first_open = input.bars.open()[0];
    for (std::size_t i = 0; i < hold.size(); ++i) {
      hold[i] = initial * input.bars.close()[i] / first_open;
    }
  }
  spec.lines.push_back({std::move(hold), "#868e96", "buy and hold", false});
  return render_svg_chart(spec);
}

std::string drawdown_chart(const PreparedBars& input, const BacktestResult& result,
                           double initial) {
  ChartSpec spec;
  spec.title = "Drawdown from the equity peak";
  spec.height = 200;
  spec.percent = true;
  spec.times = input.bars.time();
  std::vector<double> drawdown(result.equity.size());
  double peak = initial;
  for (std::size_t i = 0; i < drawdown.size(); ++i) {
    peak = std::max(peak, result.equity[i]);
    drawdown[i] = result.equity[i] / peak - 1.0;
  }
  spec.lines.push_back({std::move(drawdown), "#b3261e", "", true});
  return render_svg_chart(spec);
}

void append_trade_table(std::string& out, const BacktestResult& result) {
  out += "<h2>Trades</h2>\n<table class='trades'><tr><th>#</th><th>entry (UTC)</th>"
         "<th>exit (UTC)</th><th>qty</th><th>entry</th><th>exit</th><th>stop</th><th>pnl</th>"
         "<th>return</th><th>fees</th><th>exit reason</th></tr>\n";
  std::size_t number = 0;
  for (const Trade& trade : result.trades) {
    const char* css = trade.pnl > 0 ? "win" : "loss";
    fmt::format_to(std::back_inserter(out),
                   "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
                   "<td>{}</td><td class='{}'>{:.2f}</td><td class='{}'>{:.2f}%</td>"
                   "<td>{:.2f}</td><td>{}</td></tr>\n",
                   ++number, core::format_rfc3339(trade.entry_time),
                   core::format_rfc3339(trade.exit_time), fmt::format("{:.10g}", trade.qty),
                   price_text(trade.entry_price), price_text(trade.exit_price),
                   price_text(trade.stop_price), css, trade.pnl, css,
                   trade.return_fraction() * 100.0, trade.fees, to_string(trade.exit_reason));
  }
  out += "</table>\n";
}

} // namespace

std::string render_html_report(const ReportHeader& header, const PreparedBars& input,
                               const BacktestResult& result, const Metrics& metrics) {
  std::string out = "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>\n";
  fmt::format_to(std::back_inserter(out), "<title>Backtest {} {}</title>\n<style>{}{}</style>\n",
                 escape_html(header.strategy), escape_html(header.symbol), k_report_page_style,
                 k_style);
  out += "</head><body>\n";
  fmt::format_to(std::back_inserter(out), "<h1>{} on {}</h1>\n", escape_html(header.strategy),
                 escape_html(header.symbol));
  const auto times = input.bars.time();
  fmt::format_to(std::back_inserter(out),
                 "<div class='sub'>{} · {} · {} bars from {} to {} · initial equity {:.2f}"
                 "<br>{}</div>\n",
                 escape_html(header.asset_class), escape_html(header.timeframe), times.size(),
                 times.empty() ? "-" : core::format_rfc3339(times.front()),
                 times.empty() ? "-" : core::format_rfc3339(times.back()), metrics.initial_equity,
                 escape_html(header.parameters));
  out += "<div class='metrics'>\n";
  for (const MetricRow& row : metric_rows(metrics)) {
    fmt::format_to(std::back_inserter(out),
                   "<div class='metric'><div class='label'>{}</div><div class='value'>{}</div>"
                   "</div>\n",
                   escape_html(row.label), escape_html(row.value));
  }
  out += "</div>\n";
  out += price_chart(input, result);
  out += equity_chart(input, result, metrics.initial_equity);
  out += drawdown_chart(input, result, metrics.initial_equity);
  append_trade_table(out, result);
  out += "<p class='note'>Signals at a bar's close fill at the next bar's open with slippage; "
         "stops fill at min(open, stop) less slippage; see docs/backtest-fills.md.</p>\n";
  out += "</body></html>\n";
  return out;
}

core::Status write_html_report(const std::string& html, const std::filesystem::path& file) {
  std::ofstream stream(file, std::ios::binary | std::ios::trunc);
  if (!stream) {
    return core::Error{"cannot open for writing", file.string()};
  }
  stream.write(html.data(), static_cast<std::streamsize>(html.size()));
  if (!stream.flush()) {
    return core::Error{"write failed", file.string()};
  }
  return {};
}

} // namespace crew::backtest
