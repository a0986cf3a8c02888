#include "scan/scanner.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>

namespace crew::scan {
namespace {

// Strategies are fed at most this many bars (or four warm-ups, if more): enough for every
// indicator's seed to have washed out, few enough that 100 symbols scan in milliseconds.

// Number of bars of `bars` that completed at or before `at`.
std::size_t completed_before(const data::BarSeries& bars, core::UtcTime at) {
  return bars.lower_bound(at - core::duration(bars.timeframe()) + core::Duration{1});
}

double median(std::vector<double> values) {
  std::erase_if(values, [](double v) { return !(v > 0); });
  if (values.empty()) {
    return 0;
  }
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

struct Candidate {
  Opportunity opportunity;
  OpportunityInputs inputs;
};

} // namespace

Scanner::Scanner(core::AssetClass market, config::AssetProfile profile,
                 config::ManipulationConfig manipulation, StrategyFactory strategies,
                 FlaggedSymbols flagged)
    : m_market(market), m_profile(std::move(profile)), m_filter(manipulation),
      m_strategies(std::move(strategies)), m_flagged(flagged) {}

std::size_t Scanner::bars_wanted() const {
  std::size_t warmup = static_cast<std::size_t>(std::max(0, m_profile.min_bars_required));
  for (const auto& s : m_strategies()) {
    warmup = std::max(warmup, s->warmup_bars());
  }
  return std::max({strategy::k_min_feed_bars, 4 * warmup, m_filter.warmup_bars() + 64});
}

ScanResult Scanner::scan(std::span<const ScanInput> inputs, core::UtcTime at) const {
  ScanResult result;
  result.market = m_market;
  result.at = at;
  const std::size_t min_bars = static_cast<std::size_t>(std::max(0, m_profile.min_bars_required));
  std::vector<Candidate> candidates;
  auto exclude = [&](const std::string& symbol, std::string reason) {
    spdlog::info("scan {}: {} excluded: {}", core::to_string(m_market), symbol, reason);
    result.excluded.push_back({symbol, std::move(reason)});
  };

  for (const auto& input : inputs) {
    const std::size_t end = completed_before(input.bars, at);
    if (input.bars.empty() || end == 0) {
      exclude(input.symbol, input.bars.empty()
                                ? "no data"
                                : "no completed bar before " + core::format_rfc3339(at));
      continue;
    }
    const core::UtcTime last_time = input.bars.time()[end - 1];
    if (end < min_bars) {
      exclude(input.symbol, fmt::format("too few bars: {} completed {} bars < min_bars_required {}",
                                        end, core::to_string(input.bars.timeframe()), min_bars));
      continue;
    }
    std::string flagged;
    if (const auto flag = m_filter.recent_flag(input.bars, end)) {
      flagged = fmt::format("manipulation filter ({} at {}): {}", to_string(flag->kind),
                            core::format_rfc3339(flag->time), flag->reason);
      result.flagged[input.symbol] = flagged;
      if (m_flagged == FlaggedSymbols::excluded) {
        exclude(input.symbol, flagged);
        continue;
      }
    }
    auto strategies = m_strategies();
    std::size_t feed = strategy::k_min_feed_bars;
    for (const auto& s : strategies) {
      feed = std::max(feed, strategy::feed_bars(*s));
    }
    const std::size_t first = end > feed ? end - feed : 0;
    Candidate candidate;
    candidate.inputs = measure_opportunity(input.bars, end);
    candidate.inputs.strategies_run = strategies.size();
    auto& opportunity = candidate.opportunity;
    for (const auto& s : strategies) {
      strategy::Signals signals;
      for (std::size_t i = first; i < end; ++i) {
        signals = s->on_bar(input.bars.at(i));
      }
      if (signals.entry) {
        if (opportunity.fired.empty()) {
          opportunity.strategy = std::string(s->name());
          opportunity.reason = signals.reason;
          opportunity.atr = s->atr();
          candidate.inputs.atr = s->atr();
        }
        opportunity.fired.emplace_back(s->name());
      } else if (std::isnan(candidate.inputs.atr) || candidate.inputs.atr == 0) {
        candidate.inputs.atr = s->atr();
      }
    }
    if (opportunity.fired.empty()) {
      std::string names;
      for (const auto& s : strategies) {
        names += (names.empty() ? "" : ", ") + std::string(s->name());
      }
      exclude(input.symbol, "no entry signal from " + names + " at the bar of " +
                                core::format_rfc3339(last_time));
      continue;
    }
    candidate.inputs.strategies_fired = opportunity.fired.size();
    opportunity.symbol = input.symbol;
    opportunity.flag = flagged;
    opportunity.bar_time = last_time;
    opportunity.close = candidate.inputs.close;
    candidates.push_back(std::move(candidate));
  }

  std::vector<double> fractions;
  for (const auto& c : candidates) {
    fractions.push_back(atr_fraction(c.inputs));
  }
  const double reference = median(fractions);
  for (auto& c : candidates) {
    c.opportunity.parts = score_parts(c.inputs, reference);
    c.opportunity.score = total_score(c.opportunity.parts, m_profile.volume_weight);
    result.ranked.push_back(std::move(c.opportunity));
  }
  std::stable_sort(result.ranked.begin(), result.ranked.end(),
                   [](const Opportunity& a, const Opportunity& b) {
                     return a.score != b.score ? a.score > b.score : a.symbol < b.symbol;
                   });
  return result;
}

} // namespace crew::scan
