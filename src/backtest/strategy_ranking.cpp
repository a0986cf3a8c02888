// The ranking file is one JSON object keyed by asset class ("CRYPTO", "US_EQUITY"), each value
// {"timeframe": "1Hour", "strategies": [{"strategy": "3ma", "symbols": 19, …}, …]} best first.
// It is rewritten whole through a temporary file and a rename, so a reader never sees half.
#include "backtest/strategy_ranking.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

namespace crew::backtest {
namespace {

nlohmann::json to_json(const StrategyRanking& ranking) {
  nlohmann::json strategies = nlohmann::json::array();
  for (const RankingEntry& e : ranking.entries) {
    strategies.push_back({{"strategy", e.strategy},
                          {"symbols", e.symbols},
                          {"trades", e.trades},
                          {"mean_sharpe", e.mean_sharpe},
                          {"mean_total_return", e.mean_total_return},
                          {"mean_win_rate", e.mean_win_rate},
                          {"mean_max_drawdown", e.mean_max_drawdown},
                          {"mean_buy_hold_return", e.mean_buy_hold_return}});
  }
  return {{"timeframe", std::string(core::to_string(ranking.timeframe))},
          {"strategies", std::move(strategies)}};
}

core::Result<nlohmann::json> read_json(const std::filesystem::path& file) {
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    return nlohmann::json::object();
  }
  std::stringstream text;
  text << stream.rdbuf();
  auto parsed = nlohmann::json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return core::Error{"not a JSON object of rankings", file.string()};
  }
  return parsed;
}

} // namespace

StrategyRanking rank_strategies(core::AssetClass asset_class, core::Timeframe timeframe,
                                std::span<const BatchRow> rows) {
  std::map<std::string, RankingEntry> by_name;
  for (const BatchRow& row : rows) {
    if (!row.error.empty() || row.symbol.asset_class() != asset_class) {
      continue;
    }
    RankingEntry& e = by_name[row.strategy];
    e.strategy = row.strategy;
    ++e.symbols;
    e.trades += row.metrics.trades;
    e.mean_sharpe += row.metrics.sharpe;
    e.mean_total_return += row.metrics.total_return;
    e.mean_win_rate += row.metrics.win_rate;
    e.mean_max_drawdown += row.metrics.max_drawdown;
    e.mean_buy_hold_return += row.metrics.buy_hold_return;
  }
  StrategyRanking ranking{asset_class, timeframe, {}};
  for (auto& [name, e] : by_name) {
    const auto n = static_cast<double>(e.symbols);
    e.mean_sharpe /= n;
    e.mean_total_return /= n;
    e.mean_win_rate /= n;
    e.mean_max_drawdown /= n;
    e.mean_buy_hold_return /= n;
    ranking.entries.push_back(e);
  }
  std::sort(ranking.entries.begin(), ranking.entries.end(),
            [](const RankingEntry& a, const RankingEntry& b) {
              if (a.mean_sharpe != b.mean_sharpe) {
                return a.mean_sharpe > b.mean_sharpe;
              }
              if (a.mean_total_return != b.mean_total_return) {
                return a.mean_total_return > b.mean_total_return;
              }
              return a.strategy < b.strategy;
            });
  return ranking;
}

std::filesystem::path RankingFile::default_path(const std::filesystem::path& data_dir) {
  return data_dir / "strategy_rankings.json";
}

core::Status RankingFile::save(const StrategyRanking& ranking) const {
  auto all = read_json(m_file);
  if (!all) {
    return all.error();
  }
  (*all)[std::string(core::to_string(ranking.asset_class))] = to_json(ranking);
  std::error_code ignored;
  std::filesystem::create_directories(m_file.parent_path(), ignored);
  const std::filesystem::path temporary = m_file.string() + ".tmp";
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream << all->dump(2) << '\n';
    if (!stream.flush()) {
      return core::Error{"cannot write the strategy ranking", temporary.string()};
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, m_file, error);
  if (error) {
    return core::Error{"cannot replace the strategy ranking: " + error.message(), m_file.string()};
  }
  return {};
}

core::Result<std::optional<StrategyRanking>> RankingFile::load(core::AssetClass asset_class) const {
  auto all = read_json(m_file);
  if (!all) {
    return all.error();
  }
  const auto it = all->find(std::string(core::to_string(asset_class)));
  if (it == all->end()) {
    return std::optional<StrategyRanking>{};
  }
  try {
    StrategyRanking ranking;
    ranking.asset_class = asset_class;
    auto timeframe = core::parse_timeframe(it->at("timeframe").get<std::string>());
    if (!timeframe) {
      return core::Error{timeframe.error().what, m_file.string()};
    }
    ranking.timeframe = *timeframe;
    for (const auto& item : it->at("strategies")) {
      RankingEntry e;
      e.strategy = item.at("strategy").get<std::string>();
      e.symbols = item.at("symbols").get<std::size_t>();
      e.trades = item.at("trades").get<std::size_t>();
      e.mean_sharpe = item.at("mean_sharpe").get<double>();
      e.mean_total_return = item.at("mean_total_return").get<double>();
      e.mean_win_rate = item.at("mean_win_rate").get<double>();
      e.mean_max_drawdown = item.at("mean_max_drawdown").get<double>();
      e.mean_buy_hold_return = item.at("mean_buy_hold_return").get<double>();
      ranking.entries.push_back(std::move(e));
    }
    return std::optional<StrategyRanking>{std::move(ranking)};
  } catch (const nlohmann::json::exception& e) {
    return core::Error{std::string("malformed strategy ranking: ") + e.what(), m_file.string()};
  }
}

std::vector<std::string> RankingFile::ranked_strategies(core::AssetClass asset_class) const {
  std::vector<std::string> names;
  const auto ranking = load(asset_class);
  if (ranking && *ranking) {
    for (const RankingEntry& e : (*ranking)->entries) {
      names.push_back(e.strategy);
    }
  }
  return names;
}

} // namespace crew::backtest
