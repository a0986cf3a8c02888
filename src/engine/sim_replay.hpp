#pragma once
// What a --sim session replays: for each symbol of its universe, the signal bars the strategies
// see and the finer bars the simulated exchange fills against. Over stored history it replays what
// is stored, by the same rules as `crew backtest` and `crew scan` (data/signal_bars.hpp), and
// never invents a price: a series it would have to invent is refused, naming it. Synthetic markets
// are used only when asked for (--synthetic) or when the home holds no real bars at all (the demo),
// and they are kept in a store of their own, never mixed into the user's bars.
#include "config/config.hpp"
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "core/timeframe.hpp"
#include "data/bar_series.hpp"
#include "data/bar_store.hpp"
#include "engine/sim_market_data.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace crew::engine {

struct ReplayRequest {
  core::UtcTime start;
  core::UtcTime end;
  // Per market: the signal timeframe and how many signal bars the loop asks for (its warm-up).
  std::map<core::AssetClass, core::Timeframe> signal_timeframe;
  std::map<core::AssetClass, std::size_t> history_bars;
  // The symbols to trade (--symbols); empty: per market, the configuration's [universe] list, else
  // every symbol the real store holds (the demo universe when synthetic). [universe] exclude
  // always applies.
  std::vector<core::Symbol> symbols;
  config::UniverseConfig universe;
  // --synthetic: invented markets even when real bars are stored.
  bool synthetic = false;
};

// How one symbol is replayed, for the session header.
struct ReplayedSymbol {
  core::Symbol symbol;
  bool synthetic = false;
  std::string signals; // e.g. "stored BTC/USDT 1Hour bars" or "stored AAPL 5Min bars resampled"
  std::string fills;   // e.g. "stored BTC/USDT 1Min bars"
  std::string note;    // a short warm-up, a USD pair read from USDT, … ("" when none)
};

struct ReplayPlan {
  bool synthetic = false;
  std::vector<data::BarSeries> signal; // one per symbol, at its market's signal timeframe
  // One per symbol: the finest bars covering the session, read from the store (or generated) a
  // window at a time as the session advances, so memory does not grow with its length.
  std::vector<BarStream> prices;
  std::map<core::AssetClass, std::vector<core::Symbol>> universe;
  std::vector<ReplayedSymbol> replayed;
  // Stored symbols left out of a default universe because they do not cover the session.
  std::vector<std::string> left_out;
  // Symbols asked for or stored that [universe] exclude keeps out.
  std::vector<std::string> excluded;
};

// Plans the session over `real` (the user's bar store, only read; nullptr when the home has none)
// or, when synthetic, over bars generated into `synthetic`. Errors with bad_input set name the
// symbol, timeframe, stored span and needed span of a series that does not cover the session.
// The plan's fill streams read `real` as the session advances: they keep it open.
core::Result<ReplayPlan> plan_replay(std::shared_ptr<const data::BarStore> real,
                                     data::BarStore& synthetic, const ReplayRequest& request);
// The same over a store the caller keeps open for as long as the plan's streams are read.
core::Result<ReplayPlan> plan_replay(const data::BarStore* real, data::BarStore& synthetic,
                                     const ReplayRequest& request);
// No real store (a fresh home): the overloads above would both take a plain nullptr.
inline core::Result<ReplayPlan> plan_replay(std::nullptr_t, data::BarStore& synthetic,
                                            const ReplayRequest& request) {
  return plan_replay(static_cast<const data::BarStore*>(nullptr), synthetic, request);
}

// The session header's lines: where each symbol's signals and fills come from (one line per
// market for synthetic markets), and the stored symbols left out.
std::vector<std::string> describe(const ReplayPlan& plan);

// How many signal bars the loop asks for in `market` (the scanner's warm-up over every strategy),
// so a replay loads as much history before its start as a live loop would fetch.
std::size_t signal_history_bars(const config::Config& config, core::AssetClass market);

} // namespace crew::engine
