// Loading: every <class>/<timeframe>/<file>.csv under the folder, the symbol taken from the file
// name as `crew data import` does (BTC-USDT.csv → BTC/USDT, BRK-B.csv → BRK.B); the class comes
// from classification, the folder only decides which files are looked at.
#include "bar_source.hpp"

#include "data/bar_store.hpp"
#include "data/csv_io.hpp"

#include <algorithm>

namespace crew::fake_alpaca {

core::Result<BarSource> BarSource::load_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::Error{"not a directory", dir.string()};
  }
  BarSource source;
  for (const char* asset_class : {"crypto", "us_equity"}) {
    const auto class_dir = dir / asset_class;
    if (!std::filesystem::is_directory(class_dir, ec)) {
      continue;
    }
    for (const auto& timeframe_dir : std::filesystem::directory_iterator(class_dir)) {
      auto timeframe = core::parse_timeframe(timeframe_dir.path().filename().string());
      if (!timeframe_dir.is_directory() || !timeframe) {
        continue;
      }
      for (const auto& file : std::filesystem::directory_iterator(timeframe_dir.path())) {
        if (file.path().extension() != ".csv") {
          continue;
        }
        auto symbol = core::classify_symbol(file.path().stem().string());
        if (!symbol) {
          return core::Error{"cannot infer the symbol: " + symbol.error().what,
                             file.path().string()};
        }
        auto bars = data::read_bars_csv(file.path(), *symbol, *timeframe);
        if (!bars) {
          return bars.error();
        }
        source.add(std::move(bars).value());
      }
    }
  }
  return source;
}

core::Result<BarSource> BarSource::load_store(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return core::Error{"no such bar store", file.string()};
  }
  auto store = data::BarStore::open(file);
  if (!store) {
    return store.error();
  }
  auto listed = store->list(false);
  if (!listed) {
    return listed.error();
  }
  BarSource source;
  for (const auto& series : *listed) {
    auto bars = store->read_all(series.symbol, series.timeframe);
    if (!bars) {
      return bars.error();
    }
    source.add(std::move(bars).value());
  }
  return source;
}

void BarSource::add(data::BarSeries series) {
  const auto& symbol = series.symbol();
  auto& entry = m_symbols[symbol.str()];
  entry.symbol = symbol;
  const auto timeframe = series.timeframe();
  entry.series.insert_or_assign(timeframe, std::move(series));
}

const SymbolBars* BarSource::find(const std::string& symbol) const {
  if (const auto it = m_symbols.find(symbol); it != m_symbols.end()) {
    return &it->second;
  }
  if (symbol.find('/') == std::string::npos) {
    for (const auto& [name, bars] : m_symbols) {
      if (bars.symbol.position_form() == symbol) {
        return &bars;
      }
    }
  }
  return nullptr;
}

std::size_t BarSource::bar_count() const {
  std::size_t count = 0;
  for (const auto& [name, bars] : m_symbols) {
    for (const auto& [timeframe, series] : bars.series) {
      count += series.size();
    }
  }
  return count;
}

const data::BarSeries* BarSource::finest(const SymbolBars& bars) {
  if (bars.series.empty()) {
    return nullptr;
  }
  return &bars.series.begin()->second; // Timeframe enumerators run from 1Min upward
}

} // namespace crew::fake_alpaca
