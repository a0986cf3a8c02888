#include "scan/universe.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace crew::scan {
namespace {

// Splits one CSV line; fields may be quoted ("Nike, Inc."), with "" for a quote inside.
std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

std::string money(double usd) {
  if (usd >= 1e9) {
    return fmt::format("${:.2f}B", usd / 1e9);
  }
  if (usd >= 1e6) {
    return fmt::format("${:.1f}M", usd / 1e6);
  }
  return fmt::format("${:.0f}", usd);
}

constexpr std::array<std::string_view, 12> k_crypto_fallback = {
    "BTC/USD",  "ETH/USD",  "SOL/USD", "XRP/USD", "DOGE/USD", "LTC/USD",
    "LINK/USD", "AVAX/USD", "BCH/USD", "DOT/USD", "UNI/USD",  "SHIB/USD"};

} // namespace

core::Result<EquityList> parse_equity_list(std::string_view text, const std::string& origin) {
  EquityList list;
  bool header_seen = false;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    const auto line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++line_number;
    const std::string where = origin + ":" + std::to_string(line_number);
    if (line.empty() || line == "\r") {
      continue;
    }
    if (line.front() == '#') {
      constexpr std::string_view k_marker = "Last checked: ";
      if (const auto at = line.find(k_marker); at != std::string_view::npos) {
        list.checked = std::string(line.substr(at + k_marker.size(), 10));
      }
      continue;
    }
    const auto fields = split_csv_line(line);
    if (!header_seen) {
      if (fields.empty() || fields[0] != "symbol") {
        return core::Error{"expected the header symbol,name,sector,note", where};
      }
      header_seen = true;
      continue;
    }
    if (fields.size() < 2 || fields[0].empty()) {
      return core::Error{"expected symbol,name[,sector,note]", where};
    }
    list.entries.push_back({fields[0], fields[1], fields.size() > 2 ? fields[2] : "",
                            fields.size() > 3 ? fields[3] : ""});
  }
  if (!header_seen) {
    return core::Error{"no header line", origin};
  }
  return list;
}

Universe us_equity_universe(const EquityList& list,
                            std::optional<std::span<const AssetInfo>> assets) {
  Universe universe;
  universe.market = core::AssetClass::us_equity;
  universe.notes.push_back("S&P 100 list last checked " +
                           (list.checked.empty() ? std::string("(unknown)") : list.checked));
  std::map<std::string, const AssetInfo*> by_symbol;
  if (assets) {
    for (const auto& asset : *assets) {
      by_symbol[asset.symbol] = &asset;
    }
  } else {
    universe.notes.push_back("no asset list at hand: tradability not checked");
  }
  std::set<std::string> seen;
  for (const auto& entry : list.entries) {
    const auto symbol = core::parse_symbol_as(entry.symbol, core::AssetClass::us_equity);
    if (!symbol) {
      universe.excluded.push_back({entry.symbol, symbol.error().what});
      continue;
    }
    if (!seen.insert(symbol->str()).second) {
      universe.excluded.push_back({entry.symbol, "listed twice"});
      continue;
    }
    if (assets) {
      const auto found = by_symbol.find(symbol->str());
      if (found == by_symbol.end()) {
        universe.excluded.push_back({symbol->str(), "not in Alpaca's asset list"});
        continue;
      }
      if (found->second->status != "active") {
        universe.excluded.push_back({symbol->str(), "asset status " + found->second->status});
        continue;
      }
      if (!found->second->tradable) {
        universe.excluded.push_back({symbol->str(), "not tradable on Alpaca"});
        continue;
      }
    }
    universe.members.push_back({*symbol, entry.name, std::nullopt});
  }
  return universe;
}

std::span<const std::string_view> crypto_fallback_symbols() {
  return k_crypto_fallback;
}

Universe crypto_universe(std::optional<std::span<const AssetInfo>> assets,
                         const std::map<std::string, double>& volume_24h,
                         const config::ScannerConfig& settings) {
  Universe universe;
  universe.market = core::AssetClass::crypto;
  // Alpaca publishes no market capitalisation; without a source the filter cannot run.
  universe.notes.push_back("market-cap filter skipped: no market-cap source configured");
  spdlog::info("crypto universe: market-cap filter skipped (no market-cap source configured)");

  std::vector<core::Symbol> candidates;
  if (assets) {
    for (const auto& asset : *assets) {
      const auto symbol = core::classify_symbol(asset.symbol);
      if (asset.asset_class != core::AssetClass::crypto || !symbol ||
          symbol->asset_class() != core::AssetClass::crypto) {
        continue;
      }
      if (asset.status != "active" || !asset.tradable) {
        universe.excluded.push_back({symbol->str(), "not tradable on Alpaca"});
      } else if (symbol->quote() != "USD") {
        universe.excluded.push_back({symbol->str(), "quoted in " + symbol->quote() + ", not USD"});
      } else {
        candidates.push_back(*symbol);
      }
    }
  } else {
    universe.notes.push_back("offline: candidates are the fallback list of top coins");
    for (const auto text : k_crypto_fallback) {
      candidates.push_back(*core::classify_symbol(text));
    }
  }

  const bool any_volume = std::any_of(candidates.begin(), candidates.end(),
                                      [&](const auto& s) { return volume_24h.contains(s.str()); });
  if (!any_volume) {
    universe.notes.push_back("no 24h volume known: candidates kept unranked");
    for (const auto& symbol : candidates) {
      universe.members.push_back({symbol, symbol.base(), std::nullopt});
    }
  } else {
    std::vector<UniverseMember> ranked;
    for (const auto& symbol : candidates) {
      const auto found = volume_24h.find(symbol.str());
      if (found == volume_24h.end()) {
        universe.excluded.push_back({symbol.str(), "no 24h volume known"});
      } else if (found->second < settings.crypto_min_notional_volume_24h) {
        universe.excluded.push_back(
            {symbol.str(), "24h notional volume " + money(found->second) + " < " +
                               money(settings.crypto_min_notional_volume_24h)});
      } else {
        ranked.push_back({symbol, symbol.base(), found->second});
      }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return *a.notional_volume_24h > *b.notional_volume_24h;
    });
    const auto cap = static_cast<std::size_t>(std::max(0, settings.crypto_max_symbols));
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      if (i < cap) {
        universe.members.push_back(ranked[i]);
      } else {
        universe.excluded.push_back(
            {ranked[i].symbol.str(), fmt::format("beyond the top {} by 24h volume ({})", cap,
                                                 money(*ranked[i].notional_volume_24h))});
      }
    }
  }
  if (universe.members.size() < 10) {
    spdlog::info("crypto universe: only {} members (aim: 10-20)", universe.members.size());
  }
  return universe;
}

std::optional<double> notional_volume_24h(const data::BarSeries& bars, core::UtcTime at) {
  const std::size_t first = bars.lower_bound(at - std::chrono::hours(24));
  const std::size_t end = bars.lower_bound(at);
  if (first >= end) {
    return std::nullopt;
  }
  double sum = 0;
  for (std::size_t i = first; i < end; ++i) {
    sum += bars.close()[i] * bars.volume()[i];
  }
  return sum;
}

void apply_universe_config(Universe& universe, const config::UniverseConfig& rules) {
  const auto& listed = universe.market == core::AssetClass::crypto ? rules.crypto : rules.us_equity;
  // The configuration was validated when it was read: the lists parse.
  const auto chosen = config::parse_symbol_list(listed, universe.market);
  if (chosen && !chosen->empty()) {
    std::vector<UniverseMember> members;
    for (const auto& symbol : *chosen) {
      const auto known = std::find_if(universe.members.begin(), universe.members.end(),
                                      [&](const UniverseMember& m) { return m.symbol == symbol; });
      members.push_back(known != universe.members.end() ? *known : UniverseMember{symbol, "", {}});
    }
    universe.members = std::move(members);
    universe.notes.push_back(
        "the members are [universe] " +
        std::string(universe.market == core::AssetClass::crypto ? "crypto" : "us_equity") +
        " of the configuration");
  }
  const auto excluded = config::parse_symbol_list(rules.exclude);
  if (!excluded) {
    return;
  }
  std::erase_if(universe.members, [&](const UniverseMember& m) {
    const bool out = std::find(excluded->begin(), excluded->end(), m.symbol) != excluded->end();
    if (out) {
      universe.excluded.push_back({m.symbol.str(), "[universe] exclude"});
    }
    return out;
  });
}

} // namespace crew::scan
