#pragma once
// Design 3b in one place: which bars a strategy sees. Every reader of signal bars (the bar store
// for backtest, scan and the --sim replay; Alpaca's market data for dry run, paper and live) goes
// through these functions, so an equity signal never includes a pre- or post-market bar and a
// coarse equity bar is always built from regular-session 5Min bars, whoever asks.
#include "core/result.hpp"
#include "core/symbol.hpp"
#include "core/time.hpp"
#include "core/timeframe.hpp"
#include "data/bar_series.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace crew::data {

class BarStore;

// The timeframes, best first, whose bars make `timeframe` signal bars of `asset_class`. Equities:
// a timeframe aligned to the 09:30 open (1, 5, 15, 30 minutes) from its own bars, session-filtered
// (then from 5Min); a coarser one from 5Min bars (then its own). Crypto: its own timeframe, then
// finer bars resampled. Every choice gives the same bars from consistent data.
std::vector<core::Timeframe> signal_sources(core::AssetClass asset_class,
                                            core::Timeframe timeframe);

// `timeframe` signal bars from `source` bars of the same symbol (a timeframe not coarser than the
// target): equities keep only bars of the regular session (design 3b), coarser targets are
// resampled in clock-aligned buckets. Crypto bars already at the target are returned as they are.
core::Result<BarSeries> to_signal_bars(const BarSeries& source, core::Timeframe timeframe);

// How far back `count` signal bars of `timeframe` reach, at most: crypto trades around the clock;
// equities 6.5 hours a day, 5 days a week, with up to four closed days in a row. What a reader of
// warm-up history asks the store or Alpaca for.
core::Duration span_of_bars(core::AssetClass asset_class, core::Timeframe timeframe,
                            std::size_t count);

// Where stored signal bars came from, for the notes every command prints.
struct SignalBars {
  BarSeries bars;             // labelled with the symbol asked for
  core::Symbol source_symbol; // the stored series' symbol (X/USDT for an X/USD crypto pair)
  core::Timeframe source_timeframe = core::Timeframe::hour1;
  std::string note; // "" when read as asked, else how (resampled, from X/USDT)
};

// `timeframe` signal bars of `symbol` with time in [from, to) from the store, by the rules above.
// A crypto X/USD pair with nothing stored reads X/USDT (the Binance data users import is
// USDT-quoted) and says so in `note`. Nothing stored: empty bars, source = what was asked.
core::Result<SignalBars> read_signal_bars(const BarStore& store, const core::Symbol& symbol,
                                          core::Timeframe timeframe, core::UtcTime from,
                                          core::UtcTime to);

// The symbols whose bars may stand in for `symbol`'s, in the order read_signal_bars tries them.
std::vector<core::Symbol> stand_in_symbols(const core::Symbol& symbol);

// `bars` under another symbol's name (a USDT series read for a USD pair).
BarSeries relabel(const BarSeries& bars, const core::Symbol& symbol);

} // namespace crew::data
