// The manipulation filter (design.md section 7), two patterns judged bar by bar:
//
// Pump-and-dump. A bar i is a *spike* when, against a baseline that ends before the run-up,
//   - its volume ≥ spike_volume_multiple × the median volume of the baseline_bars before it,
//   - rise = high_i − (lowest low of bars i−spike_window_bars … i) is ≥ spike_atr_multiple × the
//     mean true range of the baseline_bars ending where the run-up starts (so a pump cannot
//     inflate its own yardstick) and ≥ spike_min_rise × that low (a few ATRs of a sleepy large cap
//     are not a pump),
//   - and its high is a new high of the run-up window.
// The spike becomes a flag at the first later bar, within reversal_window_bars, whose close has
// given back reversal_fraction of the rise from the highest high since the spike. A flag clears
// every pending spike: one episode, one flag. A pump that keeps going (no give-back) is not a
// pump-and-dump here; it is the case the MYX-USDT-PERP episode of shared/data illustrates.
//
// Wash trading. Volume ≥ wash_volume_multiple × the median while the bar's range is ≤
// wash_max_range_atr × the baseline mean true range: heavy trading that moves nothing.
//
// Checked against the real episodes in shared/data/reference/crypto_events.csv (PUMPBTC, VOXEL,
// BANANAS31 perpetuals, 15-minute and hourly bars: each flagged between the start of the episode
// and its peak) and against calm years of BTC/ETH-USDT hourly bars (2024: none or one flag).
// Medians rather than means keep one earlier spike from hiding the next.
#include "scan/manipulation_filter.hpp"

#include "scan/bar_stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace crew::scan {
namespace {

struct PendingSpike {
  std::size_t index = 0;
  double base_low = 0;
  double peak = 0;
  double volume_multiple = 0;
};

std::size_t to_size(int value) {
  return value > 0 ? static_cast<std::size_t>(value) : 0;
}

} // namespace

std::string_view to_string(ManipulationKind kind) {
  return kind == ManipulationKind::pump_and_dump ? "pump_and_dump" : "wash_trading";
}

ManipulationFilter::ManipulationFilter(config::ManipulationConfig settings)
    : m_settings(settings) {}

std::size_t ManipulationFilter::warmup_bars() const {
  return to_size(m_settings.baseline_bars) + to_size(m_settings.spike_window_bars) + 1;
}

std::vector<ManipulationFlag> ManipulationFilter::scan(const data::BarSeries& bars,
                                                       std::size_t first, std::size_t end) const {
  std::vector<ManipulationFlag> flags;
  end = std::min(end, bars.size());
  const std::size_t baseline = std::max<std::size_t>(1, to_size(m_settings.baseline_bars));
  const std::size_t window = to_size(m_settings.spike_window_bars);
  const std::size_t reversal_window = to_size(m_settings.reversal_window_bars);
  first = std::max(first, warmup_bars());
  const auto high = bars.high();
  const auto low = bars.low();
  const auto close = bars.close();
  const auto volume = bars.volume();
  const auto time = bars.time();
  std::vector<double> scratch(baseline);
  std::vector<PendingSpike> pending;

  for (std::size_t i = first; i < end; ++i) {
    const double median_volume = median_of_window(volume, i, baseline, scratch);
    const double base_range = mean_true_range(high, low, close, i - window, baseline);
    const double volume_multiple = median_volume > 0 ? volume[i] / median_volume : 0.0;

    // A reversal of an earlier spike completes at this bar's close.
    bool flagged = false;
    for (auto& spike : pending) {
      spike.peak = std::max(spike.peak, high[i]);
      const double rise = spike.peak - spike.base_low;
      if (close[i] <= spike.peak - m_settings.reversal_fraction * rise) {
        flags.push_back(
            {ManipulationKind::pump_and_dump, time[i], i, time[spike.index],
             fmt::format("pump-and-dump: rose {:.0f}% to {:.6g} on {:.0f}x median volume at {}, "
                         "then closed at {:.6g} ({:.0f}% of the rise given back)",
                         100.0 * rise / spike.base_low, spike.peak, spike.volume_multiple,
                         core::format_rfc3339(time[spike.index]), close[i],
                         100.0 * (spike.peak - close[i]) / rise)});
        flagged = true;
        break;
      }
    }
    if (flagged) {
      pending.clear();
    } else {
      std::erase_if(pending, [&](const PendingSpike& s) { return i - s.index >= reversal_window; });
    }

    if (!(median_volume > 0) || !(base_range > 0)) {
      continue;
    }
    // A new spike at this bar.
    const double run_low = *std::min_element(low.begin() + static_cast<std::ptrdiff_t>(i - window),
                                             low.begin() + static_cast<std::ptrdiff_t>(i + 1));
    const double rise = high[i] - run_low;
    const bool new_high =
        window == 0 ||
        high[i] >= *std::max_element(high.begin() + static_cast<std::ptrdiff_t>(i - window),
                                     high.begin() + static_cast<std::ptrdiff_t>(i));
    if (volume_multiple >= m_settings.spike_volume_multiple &&
        rise >= m_settings.spike_atr_multiple * base_range &&
        rise >= m_settings.spike_min_rise * run_low && new_high && !flagged) {
      pending.push_back({i, run_low, high[i], volume_multiple});
    }
    // Wash trading: heavy volume, no movement.
    if (volume_multiple >= m_settings.wash_volume_multiple &&
        high[i] - low[i] <= m_settings.wash_max_range_atr * base_range) {
      flags.push_back(
          {ManipulationKind::wash_trading, time[i], i, time[i],
           fmt::format("wash-trading-like: {:.0f}x median volume with a range of {:.2f} baseline "
                       "true ranges",
                       volume_multiple, (high[i] - low[i]) / base_range)});
    }
  }
  return flags;
}

std::optional<ManipulationFlag> ManipulationFilter::recent_flag(const data::BarSeries& bars,
                                                                std::size_t end) const {
  end = std::min(end, bars.size());
  const std::size_t lookback = to_size(m_settings.lookback_bars);
  const std::size_t reach = lookback + to_size(m_settings.reversal_window_bars);
  const std::size_t first = end > reach ? end - reach : 0;
  auto flags = scan(bars, first, end);
  const std::size_t oldest = end > lookback ? end - lookback : 0;
  if (flags.empty() || flags.back().index < oldest) {
    return std::nullopt;
  }
  return std::move(flags.back());
}

} // namespace crew::scan
