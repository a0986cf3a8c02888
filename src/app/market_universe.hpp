#pragma once
// The universe of a market as `crew universe` shows it and `crew autonomous --paper` trades it:
// the S&P 100 list (minus what Alpaca says is not tradable) for US_EQUITY; for CRYPTO, Alpaca's
// USD pairs ranked by 24-hour notional volume, or offline the fallback coins ranked by stored bars.
#include "app/context.hpp"
#include "scan/universe.hpp"

namespace crew::app {

struct AlpacaSession;

// `session`: the Alpaca clients to ask (the trading loop's), else a session of its own.
core::Result<scan::Universe> market_universe(const AppContext& context, core::AssetClass market,
                                             core::UtcTime at, AlpacaSession* session = nullptr);

} // namespace crew::app
