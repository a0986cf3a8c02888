// Metrics of a backtest (design.md section 6). Readings the design leaves open, stated here and
// in docs/backtest-fills.md:
// - Returns are per bar on the close-marked equity; the first is against the initial equity, so
//   N bars give N returns, warm-up bars included (their returns are 0).
// - Sharpe: mean / sample standard deviation (N − 1); Sortino: mean / √(Σ min(r,0)² / N), the
//   root mean square of the negative parts over all N bars; both · √(bars per year); no risk-free
//   rate. A zero denominator gives 0 (Sortino: +inf when the mean is positive).
// - Profit factor: +inf with gross profit and no loss, 0 without gross profit.
// - CAGR uses the calendar span from the first bar's open to the last bar's end.
// - Buy-and-hold buys at the first used bar's open and sells at the last close, without costs.
#include "backtest/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace crew::backtest {

std::vector<double> per_bar_returns(std::span<const double> equity, double initial) {
  std::vector<double> returns(equity.size());
  double previous = initial;
  for (std::size_t i = 0; i < equity.size(); ++i) {
    returns[i] = equity[i] / previous - 1.0;
    previous = equity[i];
  }
  return returns;
}

double max_drawdown(std::span<const double> equity, double initial) {
  double peak = initial;
  double worst = 0.0;
  for (const double value : equity) {
    peak = std::max(peak, value);
    worst = std::max(worst, (peak - value) / peak);
  }
  return worst;
}

double sharpe_ratio(std::span<const double> returns, double bars_per_year) {
  const std::size_t n = returns.size();
  if (n < 2) {
    return 0.0;
  }
  double sum = 0.0;
  for (const double r : returns) {
    sum += r;
  }
  const double mean = sum / static_cast<double>(n);
  double squares = 0.0;
  for (const double r : returns) {
    squares += (r - mean) * (r - mean);
  }
  const double deviation = std::sqrt(squares / static_cast<double>(n - 1));
  return deviation > 0.0 ? mean / deviation * std::sqrt(bars_per_year) : 0.0;
}

double sortino_ratio(std::span<const double> returns, double bars_per_year) {
  const std::size_t n = returns.size();
  if (n == 0) {
    return 0.0;
  }
  double sum = 0.0;
  double downside_squares = 0.0;
  for (const double r : returns) {
    sum += r;
    if (r < 0.0) {
      downside_squares += r * r;
    }
  }
  const double mean = sum / static_cast<double>(n);
  const double downside = std::sqrt(downside_squares / static_cast<double>(n));
  if (downside > 0.0) {
    return mean / downside * std::sqrt(bars_per_year);
  }
  return mean > 0.0 ? std::numeric_limits<double>::infinity() : 0.0;
}

double compound_annual_growth(double initial, double final_equity, core::Duration span) {
  if (!(initial > 0.0) || span.count() <= 0) {
    return 0.0;
  }
  if (final_equity <= 0.0) {
    return -1.0;
  }
  const double years = static_cast<double>(span.count()) / (365.25 * 86'400.0 * 1e9);
  return std::pow(final_equity / initial, 1.0 / years) - 1.0;
}

Metrics compute_metrics(const BacktestResult& result, const PreparedBars& input,
                        const BacktestSettings& settings) {
  Metrics m;
  const data::BarSeries& bars = input.bars;
  m.bars = bars.size();
  m.trades = result.trades.size();
  m.initial_equity = settings.initial_equity;
  m.final_equity = result.final_equity;

  std::size_t wins = 0;
  double return_sum = 0.0;
  double pnl_sum = 0.0;
  for (const Trade& trade : result.trades) {
    if (trade.pnl > 0.0) {
      ++wins;
      m.gross_profit += trade.pnl;
    } else {
      m.gross_loss -= trade.pnl;
    }
    m.total_fees += trade.fees;
    return_sum += trade.return_fraction();
    pnl_sum += trade.pnl;
  }
  if (m.trades > 0) {
    const auto count = static_cast<double>(m.trades);
    m.win_rate = static_cast<double>(wins) / count;
    m.avg_trade = return_sum / count;
    m.avg_trade_pnl = pnl_sum / count;
  }
  if (m.gross_loss > 0.0) {
    m.profit_factor = m.gross_profit / m.gross_loss;
  } else if (m.gross_profit > 0.0) {
    m.profit_factor = std::numeric_limits<double>::infinity();
  }

  m.total_return = m.final_equity / m.initial_equity - 1.0;
  m.max_drawdown = max_drawdown(result.equity, m.initial_equity);
  const double per_year = bars_per_year(settings.asset_class, settings.timeframe);
  const std::vector<double> returns = per_bar_returns(result.equity, m.initial_equity);
  m.sharpe = sharpe_ratio(returns, per_year);
  m.sortino = sortino_ratio(returns, per_year);
  if (!bars.empty()) {
    const core::Duration span =
        bars.time().back() + core::duration(settings.timeframe) - bars.time().front();
    m.cagr = compound_annual_growth(m.initial_equity, m.final_equity, span);
    m.exposure = static_cast<double>(result.exposed_bars) / static_cast<double>(m.bars);
    m.buy_hold_return = bars.close().back() / bars.open().front() - 1.0;
  }
  return m;
}

namespace {

std::string percent(double fraction) {
  return fmt::format("{:.2f}%", fraction * 100.0);
}

std::string ratio(double value) {
  if (std::isinf(value)) {
    return value > 0 ? "inf" : "-inf";
  }
  return fmt::format("{:.2f}", value);
}

} // namespace

std::vector<MetricRow> metric_rows(const Metrics& m) {
  return {
      {"Trades", fmt::format("{}", m.trades)},
      {"Win rate", percent(m.win_rate)},
      {"Profit factor", ratio(m.profit_factor)},
      {"Max drawdown", percent(m.max_drawdown)},
      {"Total return", percent(m.total_return)},
      {"CAGR", percent(m.cagr)},
      {"Sharpe", ratio(m.sharpe)},
      {"Sortino", ratio(m.sortino)},
      {"Exposure", percent(m.exposure)},
      {"Average trade", fmt::format("{} ({:.2f})", percent(m.avg_trade), m.avg_trade_pnl)},
      {"Buy and hold", percent(m.buy_hold_return)},
      {"Fees", fmt::format("{:.2f}", m.total_fees)},
      {"Final equity", fmt::format("{:.2f}", m.final_equity)},
  };
}

} // namespace crew::backtest
