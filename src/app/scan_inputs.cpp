#include "app/scan_inputs.hpp"

#include "app/alpaca_session.hpp"
#include "app/context.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <vector>

namespace crew::app {

core::Result<core::UtcTime> parse_at_or_now(const std::string& at) {
  if (at.empty()) {
    const auto now = std::chrono::system_clock::now(); // seam-ok: the default of --at, in app
    return core::UtcTime::from_ns(
        std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count());
  }
  auto parsed = core::parse_rfc3339(at);
  if (!parsed) {
    return core::Error{parsed.error().what, "--at '" + at + "'"};
  }
  return parsed;
}

core::Result<std::size_t> refresh_from_alpaca(const AppContext& context, data::BarStore& store,
                                              std::span<const core::Symbol> symbols,
                                              core::Timeframe timeframe, core::UtcTime from,
                                              core::UtcTime at) {
  if (!context.keys.present() || symbols.empty()) {
    return std::size_t{0};
  }
  const auto asset_class = symbols.front().asset_class();
  const auto fetched =
      asset_class == core::AssetClass::us_equity ? core::Timeframe::min5 : timeframe;
  const auto& settings = context.config.alpaca;
  AlpacaSession session(context);
  auto& client = session.market_data;
  const auto batch = static_cast<std::size_t>(std::max(context.config.scanner.batch_size, 1));
  std::size_t requests = 0;
  for (std::size_t first = 0; first < symbols.size(); first += batch) {
    const auto group = symbols.subspan(first, std::min(batch, symbols.size() - first));
    alpaca::BarsRequest request;
    request.timeframe = fetched;
    request.start = at;
    for (const auto& symbol : group) {
      request.symbols.push_back(symbol.str());
      const auto stored = store.describe(symbol, fetched, false);
      if (!stored) {
        return stored.error();
      }
      const auto resume =
          *stored ? std::max(from, (*stored)->last + core::duration(fetched)) : from;
      request.start = std::min(request.start, resume);
    }
    if (request.start >= at) {
      continue;
    }
    request.end = at - core::Duration{1}; // Alpaca's end is inclusive
    if (asset_class == core::AssetClass::us_equity) {
      request.feed = settings.feed;
      request.adjustment = settings.adjustment;
    }
    ++requests;
    auto done =
        client.bars(asset_class, request, [&](const alpaca::BarsPage& page) -> core::Status {
          for (const auto& [name, bars] : page.bars) {
            const auto symbol = core::parse_symbol_as(name, asset_class);
            if (!symbol) {
              return symbol.error();
            }
            data::BarSeries series(*symbol, fetched);
            for (const auto& bar : bars) {
              series.push_back(bar);
            }
            if (auto stored = store.upsert(series); !stored) {
              return stored;
            }
          }
          return {};
        });
    if (!done) {
      return done.error();
    }
  }
  spdlog::info("scan: refreshed {} symbols from Alpaca in {} bar requests", symbols.size(),
               requests);
  return requests;
}

core::Result<std::optional<OnlineUniverse>>
fetch_online_universe(const AppContext& context, core::AssetClass market, AlpacaSession* shared) {
  if (!context.keys.present()) {
    return std::optional<OnlineUniverse>{};
  }
  std::optional<AlpacaSession> own;
  AlpacaSession& session = shared != nullptr ? *shared : own.emplace(context);
  const bool crypto = market == core::AssetClass::crypto;
  auto assets = session.market_data.assets({"", crypto ? "crypto" : "us_equity"});
  if (!assets) {
    return assets.error();
  }
  OnlineUniverse online;
  std::vector<std::string> usd_pairs;
  for (const auto& asset : *assets) {
    online.assets.push_back({asset.symbol, market, asset.tradable, asset.status});
    if (crypto && asset.tradable && asset.symbol.ends_with("/USD")) {
      usd_pairs.push_back(asset.symbol);
    }
  }
  if (!usd_pairs.empty()) {
    auto snapshots = session.market_data.snapshots(market, usd_pairs);
    if (!snapshots) {
      return snapshots.error();
    }
    for (const auto& [symbol, snapshot] : *snapshots) {
      if (snapshot && snapshot->prev_daily_bar) {
        const auto& bar = *snapshot->prev_daily_bar;
        online.volume_24h[symbol] = bar.volume * (bar.vwap > 0 ? bar.vwap : bar.close);
      }
    }
  }
  return std::optional<OnlineUniverse>{std::move(online)};
}

} // namespace crew::app
