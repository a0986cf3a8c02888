#pragma once
// StrategyRanking: which strategy did best on an asset class in the latest `crew backtest --all`,
// and RankingFile, where that ranking is kept (a JSON file in the home's data directory) and read
// back by the strategy registry through strategy::RankingSource.
#include "backtest/backtest_batch.hpp"
#include "core/asset_class.hpp"
#include "core/result.hpp"
#include "core/timeframe.hpp"
#include "strategy/registry.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace crew::backtest {

// One strategy's results averaged over the symbols it ran on.
struct RankingEntry {
  std::string strategy;
  std::size_t symbols = 0;
  std::size_t trades = 0; // summed over symbols
  double mean_sharpe = 0;
  double mean_total_return = 0;
  double mean_win_rate = 0;
  double mean_max_drawdown = 0;
  double mean_buy_hold_return = 0;

  bool operator==(const RankingEntry&) const = default;
};

struct StrategyRanking {
  core::AssetClass asset_class = core::AssetClass::crypto;
  core::Timeframe timeframe = core::Timeframe::hour1;
  std::vector<RankingEntry> entries; // best first

  bool operator==(const StrategyRanking&) const = default;
};

// Averages the rows of one asset class per strategy and orders the strategies by mean Sharpe,
// then mean total return, then name. Rows with an error are left out.
StrategyRanking rank_strategies(core::AssetClass asset_class, core::Timeframe timeframe,
                                std::span<const BatchRow> rows);

class RankingFile final : public strategy::RankingSource {
public:
  explicit RankingFile(std::filesystem::path file) : m_file(std::move(file)) {}

  // <data_dir>/strategy_rankings.json.
  static std::filesystem::path default_path(const std::filesystem::path& data_dir);

  const std::filesystem::path& path() const { return m_file; }
  // Replaces the stored ranking of `ranking.asset_class`, keeping the other classes'.
  core::Status save(const StrategyRanking& ranking) const;
  // The stored ranking of `asset_class`; nullopt when there is none (or no file).
  core::Result<std::optional<StrategyRanking>> load(core::AssetClass asset_class) const;

  std::vector<std::string> ranked_strategies(core::AssetClass asset_class) const override;

private:
  std::filesystem::path m_file;
};

} // namespace crew::backtest
