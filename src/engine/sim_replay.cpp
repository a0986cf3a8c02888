#include "engine/sim_replay.hpp"

#include "backtest/strategy_order.hpp"
#include "data/bar_gaps.hpp"
#include "data/resample.hpp"
#include "data/signal_bars.hpp"
#include "data/synthetic_market.hpp"
#include "engine/alpaca_market_data.hpp"
#include "scan/scanner.hpp"
#include "strategy/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <span>

namespace crew::engine {
namespace {

// The fills of the session before the first tick: four days of finer bars give every symbol a
// price (an equity session that opens on a Monday has its Friday close).
constexpr auto k_price_lead = std::chrono::days{4};
// How far from each end of a span to look for the first and last bar a market should have: longer
// than any run of closed NYSE days.
constexpr auto k_edge_window = std::chrono::days{10};
// How much of a finer series the plan reads at once to check it (only its times are kept).
constexpr auto k_check_window = std::chrono::days{7};

struct Span {
  core::UtcTime first;
  core::UtcTime last;
};

// The first and last open times a complete `timeframe` series of `asset_class` has in
// [from, to) (bars completed by `to`); nullopt when the market has no bar in it (a weekend).
std::optional<Span> needed_span(core::AssetClass asset_class, core::Timeframe timeframe,
                                core::UtcTime from, core::UtcTime to) {
  const auto last_open = to - core::duration(timeframe);
  if (last_open < from) {
    return std::nullopt;
  }
  const auto head = data::expected_bar_times(asset_class, timeframe, from,
                                             std::min(last_open, from + k_edge_window));
  const auto tail = data::expected_bar_times(asset_class, timeframe,
                                             std::max(from, last_open - k_edge_window), last_open);
  if (head.empty() || tail.empty()) {
    return std::nullopt;
  }
  return Span{head.front(), tail.back()};
}

bool covers(std::span<const core::UtcTime> times, const std::optional<Span>& needed) {
  if (!needed) {
    return true;
  }
  return !times.empty() && times.front() <= needed->first && times.back() >= needed->last;
}

// The longest run of bars missing from `times` (a series of `market`) in [from, to) by its
// market's calendar (the run reaching back to the last bar before `from` included); nullopt when
// none is missing.
std::optional<data::BarGap> longest_hole(std::span<const core::UtcTime> times,
                                         core::AssetClass market, core::Timeframe timeframe,
                                         core::UtcTime from, core::UtcTime to) {
  const auto first =
      static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), from) - times.begin());
  const auto begin = first > 0 ? first - 1 : 0;
  const auto end =
      static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), to) - times.begin());
  if (end <= begin + 1) {
    return std::nullopt;
  }
  const auto gaps = data::find_gaps(times.subspan(begin, end - begin), market, timeframe);
  const auto longest =
      std::max_element(gaps.begin(), gaps.end(), [](const data::BarGap& a, const data::BarGap& b) {
        return a.missing < b.missing;
      });
  return longest == gaps.end() ? std::nullopt : std::optional<data::BarGap>{*longest};
}

// How many `timeframe` bars a hole may lack before the replay would step over a day (a session
// for equities) of the market: the bars of one day.
std::size_t day_of_bars(core::AssetClass market, core::Timeframe timeframe) {
  const std::int64_t minutes_open = market == core::AssetClass::us_equity ? 390 : 1440;
  return static_cast<std::size_t>(
      std::max<std::int64_t>(1, minutes_open / core::minutes(timeframe)));
}

// The stored series that would serve `symbol`'s `timeframe` signal bars, whatever its span.
core::Result<std::optional<data::StoredSeries>>
stored_series(const data::BarStore& store, const core::Symbol& symbol, core::Timeframe timeframe) {
  for (const auto& stand_in : data::stand_in_symbols(symbol)) {
    for (const auto source : data::signal_sources(symbol.asset_class(), timeframe)) {
      auto held = store.describe(stand_in, source, false);
      if (!held || held->has_value()) {
        return held;
      }
    }
  }
  return std::optional<data::StoredSeries>{};
}

std::string stored_text(const std::optional<data::StoredSeries>& held) {
  if (!held) {
    return "no bars of it";
  }
  return fmt::format("{} {} bars from {} to {}", held->symbol.str(),
                     core::to_string(held->timeframe), core::format_rfc3339(held->first),
                     core::format_rfc3339(held->last));
}

core::Error not_covered(const core::Symbol& symbol, core::Timeframe timeframe,
                        const std::optional<data::StoredSeries>& held, const Span& needed,
                        const std::string& store_path) {
  return core::Error{
      fmt::format("{} {} bars: the bar store holds {} but the session needs {} to {}; --sim "
                  "replays stored history and never invents prices: import the missing bars, "
                  "choose --start/--duration inside the stored span, or pass --synthetic",
                  symbol.str(), core::to_string(timeframe), stored_text(held),
                  core::format_rfc3339(needed.first), core::format_rfc3339(needed.last)),
      store_path, true};
}

std::string series_text(const core::Symbol& symbol, core::Timeframe timeframe) {
  return symbol.str() + " " + std::string(core::to_string(timeframe));
}

core::UtcTime history_start(const ReplayRequest& request, core::AssetClass market,
                            core::Timeframe timeframe) {
  const auto found = request.history_bars.find(market);
  const std::size_t count = found == request.history_bars.end() ? 0 : found->second;
  return request.start - lookback(market, timeframe, count);
}

core::Timeframe signal_timeframe_of(const ReplayRequest& request, core::AssetClass market) {
  const auto found = request.signal_timeframe.find(market);
  return found == request.signal_timeframe.end() ? core::Timeframe::hour1 : found->second;
}

// Generated bars of `timeframe` in [from, to), kept in the synthetic store.
core::Result<data::BarSeries> generated(data::BarStore& store, const core::Symbol& symbol,
                                        core::Timeframe timeframe, core::UtcTime from,
                                        core::UtcTime to) {
  auto bars = data::SyntheticMarket(symbol, data::k_synthetic_seed).bars(timeframe, from, to);
  if (!bars) {
    return bars.error();
  }
  // The generator gives the same bars for any range: the range is written only when the store
  // lacks some of it (a look at the session's range, not at the home's whole history).
  auto held = store.read(symbol, timeframe, from, to);
  if (!held) {
    return held.error();
  }
  if (held->size() != bars->size()) {
    if (auto stored = store.upsert(*bars); !stored) {
      return stored.error();
    }
  }
  return bars;
}

// Generated bars of `timeframe` in [from, to) written into the synthetic store where it lacks
// them, a window at a time so that a long session is never held whole.
core::Status keep_generated(data::BarStore& store, const core::Symbol& symbol,
                            core::Timeframe timeframe, core::UtcTime from, core::UtcTime to) {
  for (auto lo = from; lo < to; lo += k_check_window) {
    const auto hi = to - lo > k_check_window ? lo + k_check_window : to;
    if (auto bars = generated(store, symbol, timeframe, lo, hi); !bars) {
      return bars.error();
    }
  }
  return {};
}

// A symbol the session will trade, and whether it was named (--symbols, [universe]): a named
// symbol the store cannot replay is refused; one of a default universe is left out.
struct Candidate {
  core::Symbol symbol;
  bool chosen = false;
};

// [universe] exclude always applies; what it removes is named in `excluded`, so a session never
// trades less than asked without saying so.
std::vector<Candidate> candidates(const ReplayRequest& request,
                                  const std::vector<core::Symbol>& defaults,
                                  std::vector<std::string>& excluded) {
  std::vector<Candidate> out;
  if (!request.symbols.empty()) {
    for (const auto& symbol : request.symbols) {
      out.push_back({symbol, true});
    }
  } else {
    for (const auto market : {core::AssetClass::us_equity, core::AssetClass::crypto}) {
      const auto& text =
          market == core::AssetClass::crypto ? request.universe.crypto : request.universe.us_equity;
      const auto listed = config::parse_symbol_list(text, market);
      const bool chosen = listed && !listed->empty();
      for (const auto& symbol : chosen ? *listed : defaults) {
        if (symbol.asset_class() == market) {
          out.push_back({symbol, chosen});
        }
      }
    }
  }
  const auto never = config::parse_symbol_list(request.universe.exclude);
  if (never) {
    std::erase_if(out, [&](const Candidate& c) {
      const bool out_of_it = std::find(never->begin(), never->end(), c.symbol) != never->end();
      if (out_of_it) {
        excluded.push_back(c.symbol.str());
      }
      return out_of_it;
    });
  }
  return out;
}

core::Status plan_synthetic(data::BarStore& store, const ReplayRequest& request, ReplayPlan& plan) {
  for (const auto& [symbol, chosen] :
       candidates(request, data::default_universe(), plan.excluded)) {
    const auto market = symbol.asset_class();
    const auto timeframe = signal_timeframe_of(request, market);
    auto signal =
        generated(store, symbol, timeframe, history_start(request, market, timeframe), request.end);
    if (!signal) {
      return signal.error();
    }
    const auto minutes_from = request.start - k_price_lead;
    if (auto kept = keep_generated(store, symbol, core::Timeframe::min1, minutes_from, request.end);
        !kept) {
      return kept;
    }
    plan.signal.push_back(std::move(*signal));
    // The fills are generated again a window at a time as the session advances (the generator
    // gives the same bars for any range), never held for the whole session.
    plan.prices.emplace_back(symbol, core::Timeframe::min1, minutes_from, request.end,
                             [market = data::SyntheticMarket(symbol, data::k_synthetic_seed)](
                                 core::UtcTime from, core::UtcTime to) {
                               return market.bars(core::Timeframe::min1, from, to);
                             });
    plan.universe[market].push_back(symbol);
    plan.replayed.push_back(ReplayedSymbol{symbol, true,
                                           "synthetic " + series_text(symbol, timeframe) + " bars",
                                           "synthetic " + symbol.str() + " 1Min bars", ""});
  }
  return {};
}

// `bars` as the replay sees them: an equity's regular session only, under `symbol`'s name.
data::BarSeries as_fills(const data::BarSeries& bars, const core::Symbol& symbol) {
  return data::relabel(data::regular_session_bars(bars), symbol);
}

// The open times of the stored `source` `timeframe` bars in [from, to) that the replay would feed,
// read a window at a time so that only the times of a long session are held while it is checked.
core::Result<std::vector<core::UtcTime>> fill_times(const data::BarStore& store,
                                                    const core::Symbol& source,
                                                    core::Timeframe timeframe, core::UtcTime from,
                                                    core::UtcTime to) {
  std::vector<core::UtcTime> times;
  for (auto lo = from; lo < to; lo += k_check_window) {
    const auto hi = to - lo > k_check_window ? lo + k_check_window : to;
    auto bars = store.read(source, timeframe, lo, hi);
    if (!bars) {
      return bars.error();
    }
    const auto session = data::regular_session_bars(*bars);
    times.insert(times.end(), session.time().begin(), session.time().end());
  }
  return times;
}

// The finest stored bars of `source` covering the session, for the fills, streamed from `reader`
// (the streams keep it open for the session); nullopt when no finer series covers it (the signal
// bars serve).
core::Result<std::optional<BarStream>>
finest_prices(const std::shared_ptr<const data::BarStore>& reader, const core::Symbol& symbol,
              const core::Symbol& source, core::Timeframe signal_timeframe,
              const ReplayRequest& request) {
  const auto from = request.start - k_price_lead;
  for (const auto timeframe : core::k_timeframes) {
    if (core::minutes(timeframe) >= core::minutes(signal_timeframe)) {
      break;
    }
    const auto times = fill_times(*reader, source, timeframe, from, request.end);
    if (!times) {
      return times.error();
    }
    if (times->empty() ||
        !covers(*times, needed_span(symbol.asset_class(), timeframe, request.start, request.end))) {
      continue;
    }
    // A hole longer than a signal bar would leave orders without a price to fill at: a coarser
    // series that has no such hole serves instead.
    const auto per_signal =
        static_cast<std::size_t>(core::minutes(signal_timeframe) / core::minutes(timeframe));
    const auto hole =
        longest_hole(*times, symbol.asset_class(), timeframe, request.start, request.end);
    if (!hole || hole->missing <= per_signal) {
      return std::optional<BarStream>{
          BarStream(symbol, timeframe, from, request.end,
                    [reader, symbol, source, timeframe](
                        core::UtcTime lo, core::UtcTime hi) -> core::Result<data::BarSeries> {
                      auto bars = reader->read(source, timeframe, lo, hi);
                      if (!bars) {
                        return bars.error();
                      }
                      return as_fills(*bars, symbol);
                    })};
    }
  }
  return std::optional<BarStream>{};
}

// The symbols of a default universe over stored history: every US_EQUITY and CRYPTO symbol with a
// stored series; an X/USDT series stands for itself (it is not renamed to X/USD).
core::Result<std::vector<core::Symbol>> stored_symbols(const data::BarStore& store) {
  auto listed = store.list(false);
  if (!listed) {
    return listed.error();
  }
  std::set<core::Symbol> symbols;
  for (const auto& series : *listed) {
    const auto market = series.symbol.asset_class();
    if (market == core::AssetClass::us_equity || market == core::AssetClass::crypto) {
      symbols.insert(series.symbol);
    }
  }
  return std::vector<core::Symbol>(symbols.begin(), symbols.end());
}

core::Status plan_stored(const std::shared_ptr<const data::BarStore>& reader,
                         const std::vector<core::Symbol>& stored, const ReplayRequest& request,
                         ReplayPlan& plan) {
  const auto& store = *reader;
  std::optional<core::Error> first_refusal;
  for (const auto& [symbol, chosen] : candidates(request, stored, plan.excluded)) {
    const auto market = symbol.asset_class();
    const auto timeframe = signal_timeframe_of(request, market);
    const auto from = history_start(request, market, timeframe);
    auto signal = data::read_signal_bars(store, symbol, timeframe, from, request.end);
    if (!signal) {
      return signal.error();
    }
    const auto needed = needed_span(market, timeframe, request.start, request.end);
    if (!covers(signal->bars.time(), needed)) {
      auto held = stored_series(store, symbol, timeframe);
      if (!held) {
        return held.error();
      }
      auto refusal = not_covered(symbol, timeframe, *held, *needed, store.path().string());
      if (chosen) {
        return refusal;
      }
      plan.left_out.push_back(symbol.str() + " (" + stored_text(*held) + ")");
      if (!first_refusal) {
        first_refusal = std::move(refusal);
      }
      continue;
    }
    // A stored series with a hole of more than a day inside the session would replay a market
    // that stood still: refused like a series that ends too early.
    if (const auto hole =
            longest_hole(signal->bars.time(), market, timeframe, request.start, request.end);
        hole && hole->missing > day_of_bars(market, timeframe)) {
      auto refusal = core::Error{
          fmt::format("{} {} bars: the stored series lacks {} bars from {} to {} inside the "
                      "session; --sim never invents prices: import the missing bars or choose "
                      "--start/--duration around them",
                      symbol.str(), core::to_string(timeframe), hole->missing,
                      core::format_rfc3339(hole->first), core::format_rfc3339(hole->last)),
          store.path().string(), true};
      if (chosen) {
        return refusal;
      }
      plan.left_out.push_back(symbol.str() + " (a hole inside the session)");
      if (!first_refusal) {
        first_refusal = std::move(refusal);
      }
      continue;
    }
    // A USD pair read from its USDT series is said so: the header and the log name the mapping.
    ReplayedSymbol replayed{symbol, false, "", "",
                            signal->source_symbol == symbol
                                ? ""
                                : symbol.str() + " read from the " + signal->source_symbol.str() +
                                      " series"};
    replayed.signals =
        "stored " + series_text(signal->source_symbol, signal->source_timeframe) + " bars" +
        (signal->source_timeframe == timeframe ? ""
                                               : " as " + std::string(core::to_string(timeframe)));
    const auto needed_history = needed_span(market, timeframe, from, request.start);
    if (needed_history && !signal->bars.empty() &&
        signal->bars.time().front() > needed_history->first) {
      const auto warm = signal->bars.lower_bound(request.start);
      replayed.note += fmt::format("{}warm-up short: {} bars before the start",
                                   replayed.note.empty() ? "" : "; ", warm);
    }
    auto prices = finest_prices(reader, symbol, signal->source_symbol, timeframe, request);
    if (!prices) {
      return prices.error();
    }
    if (*prices) {
      replayed.fills =
          "stored " + series_text(signal->source_symbol, (*prices)->timeframe()) + " bars";
      plan.prices.push_back(std::move(**prices));
    } else {
      replayed.fills = "the open of the signal bars (no finer stored series covers the session)";
      plan.prices.emplace_back(signal->bars);
    }
    plan.signal.push_back(std::move(signal->bars));
    plan.universe[market].push_back(symbol);
    plan.replayed.push_back(std::move(replayed));
  }
  if (plan.replayed.empty() && first_refusal) {
    first_refusal->what = "no stored series covers the session; " + first_refusal->what;
    return *first_refusal;
  }
  return {};
}

} // namespace

core::Result<ReplayPlan> plan_replay(std::shared_ptr<const data::BarStore> real,
                                     data::BarStore& synthetic, const ReplayRequest& request) {
  // What the real store holds, listed once: the listing reads every row's key.
  std::vector<core::Symbol> stored;
  if (real != nullptr) {
    auto listed = stored_symbols(*real);
    if (!listed) {
      return listed.error();
    }
    stored = std::move(*listed);
  }
  ReplayPlan plan;
  plan.synthetic = request.synthetic || stored.empty();
  const auto planned = plan.synthetic ? plan_synthetic(synthetic, request, plan)
                                      : plan_stored(real, stored, request, plan);
  if (!planned) {
    return planned.error();
  }
  return plan;
}

core::Result<ReplayPlan> plan_replay(const data::BarStore* real, data::BarStore& synthetic,
                                     const ReplayRequest& request) {
  // Not owned: the caller keeps the store open while the plan's streams are read.
  return plan_replay(std::shared_ptr<const data::BarStore>(std::shared_ptr<void>{}, real),
                     synthetic, request);
}

std::size_t signal_history_bars(const config::Config& config, core::AssetClass market) {
  const auto& profile = config.profile(market);
  const auto names = backtest::default_strategy_order(market, "").names; // every strategy
  const scan::Scanner scanner(market, profile, config.manipulation, [&] {
    return strategy::make_strategies(names, profile, config.strategy);
  });
  return scanner.bars_wanted();
}

std::vector<std::string> describe(const ReplayPlan& plan) {
  std::vector<std::string> lines;
  if (plan.synthetic) {
    // Generated markets: one line per market, the symbols' series are all alike.
    lines.push_back("replaying synthetic markets (generated into data/synthetic.db, never mixed "
                    "with real bars):");
    for (const auto& [market, symbols] : plan.universe) {
      std::vector<std::string> names;
      for (const auto& symbol : symbols) {
        names.push_back(symbol.str());
      }
      lines.push_back(fmt::format("  {:<10} {}", core::to_string(market), fmt::join(names, ", ")));
    }
    return lines;
  }
  lines.push_back("replaying stored history:");
  for (const auto& r : plan.replayed) {
    lines.push_back(fmt::format("  {:<10} signals: {}; fills: {}{}", r.symbol.str(), r.signals,
                                r.fills, r.note.empty() ? "" : " (" + r.note + ")"));
  }
  if (!plan.excluded.empty()) {
    lines.push_back(
        fmt::format("  not traded ([universe] exclude): {}", fmt::join(plan.excluded, ", ")));
  }
  if (!plan.left_out.empty()) {
    lines.push_back(fmt::format("  not replayed (stored span outside the session): {}",
                                fmt::join(plan.left_out, ", ")));
  }
  return lines;
}

} // namespace crew::engine
