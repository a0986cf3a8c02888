#include "data/synthetic_market.hpp"

#include "calendar/market_calendar.hpp"
#include "data/bar_gaps.hpp"
#include "data/resample.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string_view>

namespace crew::data {
namespace {

// The daily chain's dynamics (per day unless noted).
constexpr double k_volatile_multiplier = 2.5;
constexpr double k_calm_to_volatile = 0.08;
constexpr double k_volatile_to_calm = 0.25;
constexpr double k_jump_probability = 0.02;
constexpr double k_jump_sigmas = 5.0;
constexpr double k_mean_reversion = 1.0 / 200; // keeps price levels near the profile's price
constexpr double k_closed_day_sigma = 0.25;    // weekends and holidays still move equities a bit
constexpr double k_wick = 0.6;                 // high/low excursions in step sigmas

std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// FNV-1a: a hash with the same value on every platform, unlike std::hash.
std::uint64_t hash_text(std::string_view text) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (const char c : text) {
    h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  }
  return h;
}

// splitmix64 with Box-Muller normals: the standard distributions differ between libraries, and
// the bars must be the same everywhere.
class Random {
public:
  explicit Random(std::uint64_t seed) : m_state(seed) {}
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double normal() {
    const double u1 = (static_cast<double>(next() >> 11) + 1.0) * 0x1.0p-53;
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

private:
  std::uint64_t next() { return mix(m_state++); }
  std::uint64_t m_state;
};

struct KnownSymbol {
  std::string_view text;
  double price;
  double volatility;
  double dollar_volume;
};

constexpr std::array<KnownSymbol, 20> k_known = {{
    {"BTC/USD", 45000, 0.55, 2.0e9}, {"ETH/USD", 2500, 0.65, 1.0e9}, {"SOL/USD", 100, 0.85, 4.0e8},
    {"AVAX/USD", 35, 0.9, 1.0e8},    {"LINK/USD", 15, 0.85, 8.0e7},  {"DOGE/USD", 0.09, 0.9, 1.5e8},
    {"LTC/USD", 75, 0.7, 6.0e7},     {"DOT/USD", 7, 0.8, 5.0e7},     {"AAPL", 190, 0.25, 1.0e10},
    {"MSFT", 380, 0.24, 8.0e9},      {"NVDA", 120, 0.5, 2.5e10},     {"AMZN", 150, 0.32, 6.0e9},
    {"GOOGL", 140, 0.3, 4.0e9},      {"META", 350, 0.38, 5.0e9},     {"TSLA", 240, 0.6, 2.0e10},
    {"JPM", 170, 0.22, 2.0e9},       {"V", 260, 0.2, 1.5e9},         {"XOM", 100, 0.25, 1.8e9},
    {"SPY", 470, 0.16, 3.0e10},      {"QQQ", 400, 0.22, 2.0e10},
}};

int decimals_for(double price) {
  const int magnitude = static_cast<int>(std::floor(std::log10(price)));
  return std::clamp(5 - magnitude, 0, 10);
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  // Dividing an integral double by a power of ten gives the double nearest the decimal, so the
  // exported text is short (123.45, not 123.45000000000002).
  return std::round(value * scale) / scale;
}

std::uint64_t day_seed(std::uint64_t seed, std::uint64_t symbol_hash, std::int64_t day,
                       std::uint64_t salt) {
  return mix(seed ^ mix(symbol_hash ^ mix(static_cast<std::uint64_t>(day) ^ salt)));
}

bool trades_on(core::AssetClass asset_class, std::chrono::sys_days day) {
  if (asset_class == core::AssetClass::us_equity) {
    return calendar::nyse_session_on(day).has_value();
  }
  if (asset_class == core::AssetClass::forex) {
    return std::chrono::weekday{day} != std::chrono::Saturday;
  }
  return true;
}

double trading_days_per_year(core::AssetClass asset_class) {
  return asset_class == core::AssetClass::crypto ? 365.0 : 252.0;
}

} // namespace

SyntheticProfile synthetic_profile(const core::Symbol& symbol) {
  SyntheticProfile profile;
  const auto known = std::find_if(k_known.begin(), k_known.end(),
                                  [&](const KnownSymbol& k) { return k.text == symbol.str(); });
  if (known != k_known.end()) {
    profile = SyntheticProfile{known->price, known->volatility, known->dollar_volume, 2};
  } else {
    Random random(mix(hash_text(symbol.str())));
    const double u_price = random.uniform();
    const double u_vol = random.uniform();
    const double u_volume = random.uniform();
    switch (symbol.asset_class()) {
    case core::AssetClass::crypto: {
      const bool in_coins = symbol.quote() == "BTC" || symbol.quote() == "ETH";
      profile.start_price = std::pow(10.0, in_coins ? -5.0 + 3.0 * u_price : -1.0 + 4.0 * u_price);
      profile.annual_volatility = 0.45 + 0.5 * u_vol;
      profile.daily_dollar_volume = std::pow(10.0, 7.5 + 1.5 * u_volume);
      break;
    }
    case core::AssetClass::forex:
      profile.start_price = 0.6 + u_price;
      profile.annual_volatility = 0.07 + 0.05 * u_vol;
      profile.daily_dollar_volume = 1e9;
      break;
    case core::AssetClass::us_equity:
      profile.start_price = std::pow(10.0, 1.3 + 1.4 * u_price);
      profile.annual_volatility = 0.18 + 0.27 * u_vol;
      profile.daily_dollar_volume = std::pow(10.0, 8.3 + 1.5 * u_volume);
      break;
    }
  }
  profile.price_decimals =
      symbol.asset_class() == core::AssetClass::us_equity ? 2 : decimals_for(profile.start_price);
  profile.start_price = round_to(profile.start_price, profile.price_decimals);
  return profile;
}

std::vector<core::Symbol> default_universe() {
  std::vector<core::Symbol> out;
  for (const auto& known : k_known) {
    out.push_back(*core::classify_symbol(known.text));
  }
  return out;
}

SyntheticMarket::SyntheticMarket(core::Symbol symbol, std::uint64_t seed)
    : m_symbol(std::move(symbol)), m_profile(synthetic_profile(m_symbol)), m_seed(seed) {}

std::vector<SyntheticMarket::Day> SyntheticMarket::days_until(std::chrono::sys_days last) const {
  const auto asset_class = m_symbol.asset_class();
  const double base_sigma =
      m_profile.annual_volatility / std::sqrt(trading_days_per_year(asset_class));
  const double mean = std::log(m_profile.start_price);
  const std::uint64_t symbol_hash = hash_text(m_symbol.str());
  // Element 0 is the state before k_origin; element i is day k_origin + (i - 1).
  std::vector<Day> chain{Day{mean, false, base_sigma}};
  const auto count = std::max<std::int64_t>((last - k_origin).count() + 1, 0);
  chain.reserve(static_cast<std::size_t>(count) + 1);
  for (std::int64_t i = 0; i < count; ++i) {
    const Day& previous = chain.back();
    Random random(day_seed(m_seed, symbol_hash, i, 0x0DA1));
    const double u = random.uniform();
    Day today;
    today.is_volatile = previous.is_volatile ? u >= k_volatile_to_calm : u < k_calm_to_volatile;
    const bool trading = trades_on(asset_class, k_origin + std::chrono::days{i});
    today.sigma = base_sigma * (today.is_volatile ? k_volatile_multiplier : 1.0) *
                  (trading ? 1.0 : k_closed_day_sigma);
    double shock = today.sigma * random.normal();
    if (random.uniform() < k_jump_probability) {
      shock += k_jump_sigmas * base_sigma * random.normal();
    }
    today.log_close = previous.log_close + k_mean_reversion * (mean - previous.log_close) + shock;
    chain.push_back(today);
  }
  return chain;
}

void SyntheticMarket::append_day(std::chrono::sys_days day, const Day& previous, const Day& today,
                                 core::Timeframe base, BarSeries& out) const {
  const auto asset_class = m_symbol.asset_class();
  core::UtcTime open = core::UtcTime::from_sys(day);
  core::UtcTime close = open + std::chrono::days{1};
  if (asset_class == core::AssetClass::us_equity) {
    const auto session = calendar::nyse_session_on(day);
    if (!session) {
      return;
    }
    open = session->open;
    close = session->close;
  }
  const core::Duration step = core::duration(base);
  const auto steps = static_cast<std::size_t>((close - open) / step);
  if (steps == 0) {
    return;
  }
  Random random(day_seed(m_seed, hash_text(m_symbol.str()), (day - k_origin).count(), 0x1D4));
  const double step_sigma = today.sigma / std::sqrt(static_cast<double>(steps));
  const double gap =
      asset_class == core::AssetClass::us_equity ? 0.5 * today.sigma * random.normal() : 0.0;
  std::vector<double> moves(steps);
  double total = gap;
  for (auto& move : moves) {
    move = step_sigma * random.normal();
    total += move;
  }
  // Bridges the intraday walk onto the daily chain's close.
  const double correction =
      (today.log_close - previous.log_close - total) / static_cast<double>(steps);
  const int decimals = m_profile.price_decimals;
  const double per_step_dollars = m_profile.daily_dollar_volume / static_cast<double>(steps);
  const double session_length = static_cast<double>((close - open).count());
  double log_price = previous.log_close + gap;
  for (std::size_t k = 0; k < steps; ++k) {
    const core::UtcTime t = open + step * static_cast<std::int64_t>(k);
    const double move = moves[k] + correction;
    const double log_open = log_price;
    log_price += move;
    core::Bar bar;
    bar.time = t;
    bar.open = round_to(std::exp(log_open), decimals);
    bar.close = round_to(std::exp(log_price), decimals);
    const double up = std::abs(random.normal()) * step_sigma * k_wick;
    const double down = std::abs(random.normal()) * step_sigma * k_wick;
    bar.high = std::max(
        {round_to(std::exp(std::max(log_open, log_price) + up), decimals), bar.open, bar.close});
    bar.low = std::min(
        {round_to(std::exp(std::min(log_open, log_price) - down), decimals), bar.open, bar.close});
    // U-shaped over the session for equities; a daily cycle peaking at 15:00 UTC for crypto.
    const double u = static_cast<double>((t - open).count() + step.count() / 2) / session_length;
    const double shape = asset_class == core::AssetClass::us_equity
                             ? (0.55 + 2.2 * (2 * u - 1) * (2 * u - 1)) / (0.55 + 2.2 / 3)
                             : 1.0 + 0.45 * std::cos(2 * std::numbers::pi * (u * 24 - 15) / 24);
    const double activity = shape * (today.is_volatile ? 1.7 : 1.0) *
                            (1.0 + 0.5 * std::abs(move) / step_sigma) *
                            std::exp(0.35 * random.normal() - 0.06);
    const double dollars = per_step_dollars * activity;
    const double volume = dollars / bar.close;
    const bool equity = asset_class == core::AssetClass::us_equity;
    bar.volume = equity ? std::max(1.0, std::round(volume)) : round_to(volume, 4);
    bar.trade_count = std::max(1.0, std::round(equity ? bar.volume / 120 : dollars / 2500));
    bar.vwap = round_to((bar.high + bar.low + bar.close) / 3, decimals);
    if (asset_class != core::AssetClass::forex || calendar::is_open(core::AssetClass::forex, t)) {
      out.push_back(bar);
    }
  }
}

core::Result<BarSeries> SyntheticMarket::bars(core::Timeframe timeframe, core::UtcTime start,
                                              core::UtcTime end) const {
  if (!(start < end)) {
    return core::Error{"empty time range", m_symbol.str()};
  }
  if (start.day() < k_origin) {
    return core::Error{"synthetic markets begin on 2000-01-01", m_symbol.str()};
  }
  const core::Timeframe base =
      timeframe == core::Timeframe::min1 ? core::Timeframe::min1 : core::Timeframe::min5;
  // Whole target bars: the fine bars of the first and last buckets are generated in full.
  const core::UtcTime fine_from = floor_to(start, timeframe);
  const core::UtcTime fine_to =
      floor_to(end - core::Duration{1}, timeframe) + core::duration(timeframe);
  const auto first_day = fine_from.day() - std::chrono::days{1};
  const auto last_day = fine_to.day() + std::chrono::days{1};
  const auto chain = days_until(last_day);
  BarSeries fine(m_symbol, base);
  BarSeries day_bars(m_symbol, base);
  for (auto day = std::max(first_day, k_origin); day <= last_day; day += std::chrono::days{1}) {
    const auto index = static_cast<std::size_t>((day - k_origin).count()) + 1;
    day_bars.clear();
    append_day(day, chain[index - 1], chain[index], base, day_bars);
    for (std::size_t i = 0; i < day_bars.size(); ++i) {
      if (day_bars.time()[i] >= fine_from && day_bars.time()[i] < fine_to) {
        fine.push_back(day_bars.at(i));
      }
    }
  }
  if (timeframe == base) {
    return fine.slice(start, end);
  }
  auto coarse = resample(fine, timeframe);
  if (!coarse) {
    return coarse.error();
  }
  return coarse->slice(start, end);
}

std::vector<bool> SyntheticMarket::volatile_days(std::chrono::sys_days from,
                                                 std::chrono::sys_days to) const {
  std::vector<bool> out;
  const auto chain = days_until(to);
  for (auto day = std::max(from, k_origin); day <= to; day += std::chrono::days{1}) {
    out.push_back(chain[static_cast<std::size_t>((day - k_origin).count()) + 1].is_volatile);
  }
  return out;
}

core::Result<std::vector<GeneratedRun>> generated_runs(const BarSeries& stored,
                                                       std::uint64_t seed) {
  std::vector<GeneratedRun> runs;
  if (stored.empty()) {
    return runs;
  }
  const auto origin = core::UtcTime::from_sys(SyntheticMarket::k_origin);
  const auto from = std::max(stored.time().front(), origin);
  const auto to = stored.time().back() + core::duration(stored.timeframe());
  if (from >= to) {
    return runs;
  }
  auto generated = SyntheticMarket(stored.symbol(), seed).bars(stored.timeframe(), from, to);
  if (!generated) {
    return generated.error();
  }
  std::size_t g = 0;
  for (std::size_t i = 0; i < stored.size(); ++i) {
    const auto bar = stored.at(i);
    while (g < generated->size() && generated->time()[g] < bar.time) {
      ++g;
    }
    const bool same = g < generated->size() && generated->at(g) == bar;
    if (!same) {
      continue;
    }
    // A run goes on while the stored bars before it were generated ones too.
    if (!runs.empty() && i > 0 && stored.time()[i - 1] == runs.back().last) {
      runs.back().last = bar.time;
      ++runs.back().count;
    } else {
      runs.push_back({bar.time, bar.time, 1});
    }
  }
  return runs;
}

} // namespace crew::data
