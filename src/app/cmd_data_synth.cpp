// crew data synth [--symbols …] --timeframe T --start … --end … [--seed N]: deterministic
// synthetic bars into the synthetic store (data/synthetic.db), never into the real bars: backtest,
// scan and export read them only with --synthetic.
#include "app/cli_checks.hpp"
#include "app/cmd_data.hpp"
#include "app/time_range.hpp"
#include "data/synthetic_market.hpp"

#include <iostream>

namespace crew::app {
namespace {

struct SynthOptions {
  std::vector<std::string> symbols;
  std::string timeframe;
  std::string start;
  std::string end;
  std::uint64_t seed = data::k_synthetic_seed;
};

int run_synth(const GlobalOptions& global, const SynthOptions& options) {
  std::vector<core::Symbol> symbols;
  for (const auto& text : options.symbols) {
    auto symbol = core::classify_symbol(text);
    if (!symbol) {
      return fail(k_exit_bad_input, symbol.error().what + " (--symbols)");
    }
    symbols.push_back(*symbol);
  }
  if (symbols.empty()) {
    symbols = data::default_universe();
  }
  const auto timeframe = core::parse_timeframe(options.timeframe);
  if (!timeframe) {
    return fail(k_exit_bad_input, timeframe.error().what + " (--timeframe)");
  }
  const auto range = parse_time_range(options.start, options.end, {}, {});
  if (!range) {
    return fail(k_exit_bad_input, describe_error(range.error()));
  }
  std::vector<data::BarSeries> generated;
  for (const auto& symbol : symbols) {
    auto bars =
        data::SyntheticMarket(symbol, options.seed).bars(*timeframe, range->start, range->end);
    if (!bars) {
      return fail(k_exit_bad_input, describe_error(bars.error()));
    }
    generated.push_back(std::move(bars).value());
  }
  auto store = open_bar_store(global, BarSource::synthetic);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), describe_error(store.error()));
  }
  if (auto stored = store->upsert_all(generated); !stored) {
    return fail(k_exit_failure, describe_error(stored.error()));
  }
  std::size_t total = 0;
  for (const auto& bars : generated) {
    total += bars.size();
    std::cout << "synthesized " << bars.size() << ' ' << core::to_string(bars.timeframe())
              << " bars of " << bars.symbol().str() << '\n';
  }
  std::cout << "stored " << total << " bars in " << store->path().string() << " (seed "
            << options.seed << ")\n";
  return k_exit_ok;
}

} // namespace

void add_data_synth_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<SynthOptions>();
  auto* cmd =
      data.add_subcommand("synth", "Generate deterministic synthetic bars (into synthetic.db)");
  cmd->add_option("--symbols", options->symbols,
                  "Comma-separated symbols (default: the demo universe, 8 crypto + 12 equities)")
      ->delimiter(',');
  cmd->add_option("--timeframe", options->timeframe, "1Min … 1Day")->required();
  cmd->add_option("--start", options->start, "First day (YYYY-MM-DD) or RFC 3339 instant")
      ->required();
  cmd->add_option("--end", options->end, "Last day (included) or RFC 3339 instant")->required();
  cmd->add_option("--seed", options->seed, "Random seed; the same seed gives the same bars")
      ->check(whole_number());
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_synth(global, *options); };
  });
}

} // namespace crew::app
