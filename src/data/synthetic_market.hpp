#pragma once
// SyntheticMarket: deterministic, realistic bars for one symbol when there is no network and no
// files (the demo's default). A mean-reverting daily random walk with calm/volatile regimes and
// jumps, bridged by an intraday walk with a U-shaped volume profile; equities trade only in NYSE
// sessions, crypto around the clock. The same seed gives the same bars for any requested range.
#include "core/result.hpp"
#include "data/bar_series.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace crew::data {

// Per-symbol character of the generated market (a table for well-known symbols, else a hash).
struct SyntheticProfile {
  double start_price = 100;
  double annual_volatility = 0.3;
  double daily_dollar_volume = 1e9;
  int price_decimals = 2; // prices are whole multiples of 10^-price_decimals
};

SyntheticProfile synthetic_profile(const core::Symbol& symbol);

// The seed of --sim's synthetic markets and `crew data synth`'s default: one seed, so that
// `crew data split-synthetic` recognises what either generated.
inline constexpr std::uint64_t k_synthetic_seed = 42;

// The demo universe: 8 crypto pairs and 12 large US equities and ETFs.
std::vector<core::Symbol> default_universe();

class SyntheticMarket {
public:
  // The first day the generator models; earlier ranges are refused.
  static constexpr std::chrono::sys_days k_origin{std::chrono::days{10957}}; // 2000-01-01

  SyntheticMarket(core::Symbol symbol, std::uint64_t seed);

  const core::Symbol& symbol() const { return m_symbol; }
  const SyntheticProfile& profile() const { return m_profile; }

  // Bars of `timeframe` with open time in [start, end).
  core::Result<BarSeries> bars(core::Timeframe timeframe, core::UtcTime start,
                               core::UtcTime end) const;
  // Whether each day of [from, to] is in the volatile regime (for tests and reports).
  std::vector<bool> volatile_days(std::chrono::sys_days from, std::chrono::sys_days to) const;

private:
  struct Day {
    double log_close = 0; // log price at the end of the day (equities: at the session close)
    bool is_volatile = false;
    double sigma = 0; // the day's volatility of log returns
  };
  // The daily chain from k_origin through `last`.
  std::vector<Day> days_until(std::chrono::sys_days last) const;
  void append_day(std::chrono::sys_days day, const Day& previous, const Day& today,
                  core::Timeframe base, BarSeries& out) const;

  core::Symbol m_symbol;
  SyntheticProfile m_profile;
  std::uint64_t m_seed = 0;
};

// A run of stored bars that are exactly the generator's (same time, prices, volume): bars that an
// earlier crew's --sim or `data synth` wrote into the real bar store.
struct GeneratedRun {
  core::UtcTime first;
  core::UtcTime last; // both included
  std::size_t count = 0;
};

// The runs of `stored` equal, bar for bar, to SyntheticMarket(symbol, seed)'s bars. A real bar
// cannot be equal to a generated one in every field by chance, so these are synthetic.
core::Result<std::vector<GeneratedRun>> generated_runs(const BarSeries& stored, std::uint64_t seed);

} // namespace crew::data
