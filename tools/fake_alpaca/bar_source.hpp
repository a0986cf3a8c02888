#pragma once
// BarSource: the bars fake_alpaca serves, loaded once at start from a folder laid out like
// shared/data (crypto|us_equity/<1m|5m|15m|1h|1d>/<SYMBOL>.csv) or from a BarStore file. Read-only
// after loading, so request threads share it without locks.
#include "core/result.hpp"
#include "data/bar_series.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace crew::fake_alpaca {

struct SymbolBars {
  core::Symbol symbol;
  std::map<core::Timeframe, data::BarSeries> series; // by timeframe
};

class BarSource {
public:
  static core::Result<BarSource> load_directory(const std::filesystem::path& dir);
  static core::Result<BarSource> load_store(const std::filesystem::path& file);

  // The symbol's bars by its slash form (BTC/USD) or Alpaca's legacy form (BTCUSD); nullptr if
  // unknown.
  const SymbolBars* find(const std::string& symbol) const;
  const std::map<std::string, SymbolBars>& symbols() const { return m_symbols; }
  std::size_t bar_count() const;

  // The finest timeframe held for a symbol, for latest bars and snapshots.
  static const data::BarSeries* finest(const SymbolBars& bars);

private:
  void add(data::BarSeries series);
  std::map<std::string, SymbolBars> m_symbols;
};

} // namespace crew::fake_alpaca
