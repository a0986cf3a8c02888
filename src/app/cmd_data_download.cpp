// crew data download --symbols S,… | --market M [--top N] --timeframe T --start D [--end D]:
// bars from Alpaca's market-data API into the bar store. Many symbols share each request (up to
// [scanner] batch_size), pages are stored as they arrive, and a rerun fetches only what the store
// lacks before its first and after its last bar of each series (interior holes are intervals
// without trades, which Alpaca does not fill), so an interrupted download resumes.
#include "app/alpaca_session.hpp"
#include "app/cli_checks.hpp"
#include "app/cmd_data.hpp"
#include "app/context.hpp"
#include "app/time_range.hpp"
#include "scan/universe.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <unistd.h>

namespace crew::app {
namespace {

struct DownloadOptions {
  std::string symbols;
  std::string market;
  int top = 20;
  std::string timeframe;
  std::string start;
  std::string end;
  int limit = 10'000;
  bool json = false;
};

// One request group: symbols of one class that miss the same range [from, to).
struct Fetch {
  core::AssetClass asset_class = core::AssetClass::crypto;
  core::UtcTime from;
  core::UtcTime to;
  std::vector<core::Symbol> symbols;
};

struct Tally {
  std::map<std::string, std::size_t> fetched; // bars per symbol
  std::size_t bars = 0;
  std::size_t groups_done = 0;
};

core::UtcTime wall_now() {
  return core::UtcTime::from_ns(
      std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::system_clock::now().time_since_epoch()) // seam-ok: app
          .count());
}

core::Result<std::vector<core::Symbol>> parse_symbol_list(const std::string& text) {
  std::vector<core::Symbol> symbols;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    const auto item = text.substr(start, comma - start);
    if (!item.empty()) {
      auto symbol = core::classify_symbol(item);
      if (!symbol) {
        return core::Error{symbol.error().what, "--symbols"};
      }
      if (std::find(symbols.begin(), symbols.end(), *symbol) == symbols.end()) {
        symbols.push_back(*symbol);
      }
    }
    start = comma + 1;
  }
  if (symbols.empty()) {
    return core::Error{"no symbols given", "--symbols"};
  }
  return symbols;
}

// --market: the scan universe's first `top` members (crypto ranked by 24 h notional volume from
// Alpaca's snapshots, equities in the S&P 100 list's order, both narrowed to tradable assets).
core::Result<std::vector<core::Symbol>> market_symbols(alpaca::MarketDataClient& client,
                                                       core::AssetClass market, int top,
                                                       const config::ScannerConfig& scanner) {
  const bool crypto = market == core::AssetClass::crypto;
  auto assets = client.assets({"active", crypto ? "crypto" : "us_equity"});
  if (!assets) {
    return assets.error();
  }
  std::vector<scan::AssetInfo> infos;
  for (const auto& asset : *assets) {
    infos.push_back({asset.symbol, market, asset.tradable, asset.status});
  }
  scan::Universe universe;
  if (crypto) {
    std::vector<std::string> names;
    for (const auto& info : infos) {
      names.push_back(info.symbol);
    }
    std::map<std::string, double> volumes;
    const auto batch = static_cast<std::size_t>(std::max(scanner.batch_size, 1));
    for (std::size_t i = 0; i < names.size(); i += batch) {
      const std::vector<std::string> chunk(
          names.begin() + static_cast<std::ptrdiff_t>(i),
          names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), i + batch)));
      auto snapshots = client.snapshots(market, chunk);
      if (!snapshots) {
        return snapshots.error();
      }
      for (const auto& [symbol, snapshot] : *snapshots) {
        const auto& daily =
            snapshot ? (snapshot->prev_daily_bar ? snapshot->prev_daily_bar : snapshot->daily_bar)
                     : std::nullopt;
        if (daily) {
          volumes[symbol] = daily->close * daily->volume;
        }
      }
    }
    config::ScannerConfig ranking = scanner;
    ranking.crypto_max_symbols = top;
    ranking.crypto_min_notional_volume_24h = 0; // downloading, not trading: rank only
    universe = scan::crypto_universe(std::span<const scan::AssetInfo>(infos), volumes, ranking);
  } else {
    auto list = scan::parse_equity_list(scan::builtin_sp100_csv(), "sp100.csv");
    if (!list) {
      return list.error();
    }
    universe = scan::us_equity_universe(*list, std::span<const scan::AssetInfo>(infos));
  }
  std::vector<core::Symbol> symbols;
  for (const auto& member : universe.members) {
    if (static_cast<int>(symbols.size()) < top) {
      symbols.push_back(member.symbol);
    }
  }
  if (symbols.empty()) {
    return core::Error{"no tradable symbols found for " + std::string(core::to_string(market)),
                       "--market"};
  }
  return symbols;
}

// What each series lacks of [range.start, range.end), grouped into requests.
core::Result<std::vector<Fetch>> plan(const data::BarStore& store,
                                      const std::vector<core::Symbol>& symbols,
                                      core::Timeframe timeframe, const TimeRange& range,
                                      std::size_t batch) {
  std::map<std::tuple<core::AssetClass, core::UtcTime, core::UtcTime>, std::vector<core::Symbol>>
      groups;
  for (const auto& symbol : symbols) {
    auto stored = store.describe(symbol, timeframe, false);
    if (!stored) {
      return stored.error();
    }
    std::vector<std::pair<core::UtcTime, core::UtcTime>> missing;
    if (!*stored) {
      missing.emplace_back(range.start, range.end);
    } else {
      const core::UtcTime after_last = (*stored)->last + core::duration(timeframe);
      if (range.start < (*stored)->first) {
        missing.emplace_back(range.start, std::min(range.end, (*stored)->first));
      }
      if (after_last < range.end) {
        missing.emplace_back(std::max(range.start, after_last), range.end);
      }
    }
    for (const auto& [from, to] : missing) {
      if (from < to) {
        groups[{symbol.asset_class(), from, to}].push_back(symbol);
      }
    }
  }
  std::vector<Fetch> fetches;
  for (const auto& [key, members] : groups) {
    for (std::size_t i = 0; i < members.size(); i += batch) {
      Fetch fetch{std::get<0>(key), std::get<1>(key), std::get<2>(key), {}};
      fetch.symbols.assign(members.begin() + static_cast<std::ptrdiff_t>(i),
                           members.begin() +
                               static_cast<std::ptrdiff_t>(std::min(members.size(), i + batch)));
      fetches.push_back(std::move(fetch));
    }
  }
  return fetches;
}

void draw_progress(const Tally& tally, std::size_t groups) {
  constexpr int k_width = 30;
  const double fraction =
      groups == 0 ? 1.0 : static_cast<double>(tally.groups_done) / static_cast<double>(groups);
  const int filled = static_cast<int>(fraction * k_width);
  std::fprintf(stderr, "\r[%s%s] %zu/%zu requests groups, %zu bars",
               std::string(static_cast<std::size_t>(filled), '#').c_str(),
               std::string(static_cast<std::size_t>(k_width - filled), ' ').c_str(),
               tally.groups_done, groups, tally.bars);
  std::fflush(stderr);
}

// Stores one page: each symbol's bars as a series, all in one transaction.
core::Status store_page(data::BarStore& store, const alpaca::BarsPage& page,
                        core::Timeframe timeframe, Tally& tally) {
  std::vector<data::BarSeries> series;
  for (const auto& [name, bars] : page.bars) {
    auto symbol = core::classify_symbol(name);
    if (!symbol) {
      return core::Error{"the server sent bars of an unknown symbol: " + name, "bars page"};
    }
    data::BarSeries into(*symbol, timeframe);
    into.reserve(bars.size());
    for (const auto& bar : bars) {
      if (!into.empty() && bar.time <= into.time().back()) {
        return core::Error{"bars out of time order for " + name, "bars page"};
      }
      into.push_back(bar);
    }
    tally.fetched[symbol->str()] += bars.size();
    tally.bars += bars.size();
    series.push_back(std::move(into));
  }
  return store.upsert_all(series);
}

int run_download(const GlobalOptions& global, const DownloadOptions& options) {
  const auto started = std::chrono::steady_clock::now(); // seam-ok: elapsed time for the summary
  const auto timeframe = core::parse_timeframe(options.timeframe);
  if (!timeframe) {
    return fail(k_exit_bad_input, timeframe.error().what + " (--timeframe)");
  }
  const auto range = parse_time_range(options.start, options.end, core::UtcTime{}, wall_now());
  if (!range) {
    return fail(k_exit_bad_input, describe_error(range.error()));
  }
  std::optional<core::AssetClass> market;
  std::vector<core::Symbol> symbols;
  if (!options.market.empty()) {
    auto parsed = core::parse_asset_class(options.market);
    if (!parsed || *parsed == core::AssetClass::forex) {
      return fail(k_exit_bad_input, "market must be CRYPTO or US_EQUITY (--market)");
    }
    market = *parsed;
  } else {
    auto parsed = parse_symbol_list(options.symbols);
    if (!parsed) {
      return fail(k_exit_bad_input, describe_error(parsed.error()));
    }
    symbols = std::move(parsed).value();
  }
  auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, describe_error(context.error()));
  }
  if (!context->keys.present()) {
    return fail(k_exit_bad_input, "Alpaca keys are required: set APCA_API_KEY_ID and "
                                  "APCA_API_SECRET_KEY (environment)");
  }
  const auto& settings = context->config.alpaca;
  AlpacaSession session(*context);
  auto& client = session.market_data;
  if (market) {
    auto chosen = market_symbols(client, *market, options.top, context->config.scanner);
    if (!chosen) {
      return fail(k_exit_failure, describe_error(chosen.error()));
    }
    symbols = std::move(chosen).value();
  }
  auto store = data::BarStore::open(context->paths.bar_store);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), describe_error(store.error()));
  }
  const auto batch = static_cast<std::size_t>(std::max(context->config.scanner.batch_size, 1));
  auto fetches = plan(*store, symbols, *timeframe, *range, batch);
  if (!fetches) {
    return fail(k_exit_failure, describe_error(fetches.error()));
  }
  const bool progress = isatty(fileno(stderr)) != 0 && !options.json;
  Tally tally;
  std::optional<core::Error> failure;
  for (const auto& fetch : *fetches) {
    alpaca::BarsRequest request;
    for (const auto& symbol : fetch.symbols) {
      request.symbols.push_back(symbol.str());
    }
    request.timeframe = *timeframe;
    request.start = fetch.from;
    request.end = fetch.to - core::Duration{1}; // Alpaca's end is inclusive
    request.limit = options.limit;
    request.feed = settings.feed;
    request.adjustment = settings.adjustment;
    auto done = client.bars(fetch.asset_class, request, [&](const alpaca::BarsPage& page) {
      auto stored = store_page(*store, page, *timeframe, tally);
      if (progress) {
        draw_progress(tally, fetches->size());
      }
      return stored;
    });
    if (!done) {
      failure = done.error();
      break;
    }
    ++tally.groups_done;
  }
  if (progress) {
    draw_progress(tally, fetches->size());
    std::fputc('\n', stderr);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
                             .count(); // seam-ok: elapsed
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& symbol : symbols) {
    auto stored = store->describe(symbol, *timeframe, false);
    nlohmann::json row = {{"symbol", symbol.str()}, {"fetched", tally.fetched[symbol.str()]}};
    if (stored && *stored) {
      row["count"] = (*stored)->count;
      row["first"] = core::format_rfc3339((*stored)->first);
      row["last"] = core::format_rfc3339((*stored)->last);
    } else {
      row["count"] = 0;
    }
    rows.push_back(row);
  }
  const auto requests = session.data_api.counter().total() + session.trading_api.counter().total();
  const auto retries = session.data_api.retries() + session.trading_api.retries();
  if (options.json) {
    nlohmann::json summary = {{"timeframe", core::to_string(*timeframe)},
                              {"start", core::format_rfc3339(range->start)},
                              {"end", core::format_rfc3339(range->end)},
                              {"symbols", rows},
                              {"bars", tally.bars},
                              {"requests", requests},
                              {"retries", retries},
                              {"seconds", seconds},
                              {"complete", !failure}};
    if (failure) {
      summary["error"] = describe_error(*failure);
    }
    std::cout << summary.dump(2) << '\n';
  } else {
    for (const auto& row : rows) {
      std::printf("%-12s fetched %8zu  stored %8zu", row["symbol"].get<std::string>().c_str(),
                  row["fetched"].get<std::size_t>(), row["count"].get<std::size_t>());
      if (row.contains("first")) {
        std::printf("  %s to %s", row["first"].get<std::string>().c_str(),
                    row["last"].get<std::string>().c_str());
      }
      std::printf("\n");
    }
    std::printf("downloaded %zu %s bars of %zu symbols in %.1f s (%llu requests, %llu retries)\n",
                tally.bars, std::string(core::to_string(*timeframe)).c_str(), symbols.size(),
                seconds, static_cast<unsigned long long>(requests),
                static_cast<unsigned long long>(retries));
  }
  if (failure) {
    return fail(k_exit_failure, describe_error(*failure) + "; rerun to resume");
  }
  return k_exit_ok;
}

} // namespace

void add_data_download_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<DownloadOptions>();
  auto* cmd = data.add_subcommand("download", "Download bars from Alpaca into the bar store "
                                              "(resumes: fetches only what is missing)");
  auto* symbols =
      cmd->add_option("--symbols", options->symbols, "Comma-separated, e.g. BTC/USD,AAPL");
  auto* market = cmd->add_option("--market", options->market, "CRYPTO or US_EQUITY universe");
  symbols->excludes(market);
  cmd->add_option("--top", options->top, "With --market: how many symbols (default 20)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeframe", options->timeframe, "1Min … 1Day")->required();
  cmd->add_option("--start", options->start, "First day (YYYY-MM-DD) or RFC 3339 instant")
      ->required();
  cmd->add_option("--end", options->end, "Last day (included) or RFC 3339 instant (default now)");
  cmd->add_option("--limit", options->limit, "Bars per request page across symbols (1-10000)")
      ->check(CLI::Range(1, 10'000));
  cmd->add_flag("--json", options->json, "Print the summary as JSON");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] {
      if (options->symbols.empty() == options->market.empty()) {
        return fail(k_exit_bad_input, "give --symbols or --market (crew data download)");
      }
      return run_download(global, *options);
    };
  });
}

} // namespace crew::app
