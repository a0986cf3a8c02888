#pragma once
// `crew backtest`: the options shared by the single run (cmd_backtest.cpp) and `--all`
// (cmd_backtest_all.cpp).
#include "app/command.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>

namespace crew::app {

struct BacktestOptions {
  std::string symbol;
  std::string strategy;
  std::string asset_class;
  std::string start;
  std::string end;
  std::string timeframe;
  std::string data_file;
  std::optional<double> equity;
  std::string trades_file;
  std::string report_file;
  bool json = false;
  bool all = false;
  bool synthetic = false; // read the synthetic store (generated bars), never mixed with real ones
  unsigned threads = 0;
};

// `crew backtest --all`: every strategy on every stored symbol of the class(es), ranked.
int run_backtest_all(const GlobalOptions& global, const BacktestOptions& options);

// "what (where)".
std::string describe_backtest_error(const core::Error& error);

} // namespace crew::app
