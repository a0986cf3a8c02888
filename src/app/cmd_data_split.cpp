// crew data split-synthetic [--dry-run] [--seed N]: moves the generated bars that an earlier crew
// (its --sim, or `data synth` before synthetic.db existed) wrote into the real bar store over to
// data/synthetic.db, so that backtests, scans and replays of real history never read them.
#include "app/cli_checks.hpp"
#include "app/cmd_data.hpp"
#include "data/synthetic_market.hpp"

#include <fmt/format.h>

#include <iostream>

namespace crew::app {
namespace {

struct SplitOptions {
  bool dry_run = false;
  std::uint64_t seed = data::k_synthetic_seed;
};

int run_split(const GlobalOptions& global, const SplitOptions& options) {
  auto real = open_bar_store(global, BarSource::real);
  if (!real) {
    return fail(exit_code_for(real.error(), k_exit_failure), describe_error(real.error()));
  }
  auto synthetic = open_bar_store(global, BarSource::synthetic);
  if (!synthetic) {
    return fail(exit_code_for(synthetic.error(), k_exit_failure),
                describe_error(synthetic.error()));
  }
  const auto listed = real->list(false);
  if (!listed) {
    return fail(k_exit_failure, describe_error(listed.error()));
  }
  std::size_t moved = 0;
  for (const auto& series : *listed) {
    auto stored = real->read_all(series.symbol, series.timeframe);
    if (!stored) {
      return fail(k_exit_failure, describe_error(stored.error()));
    }
    const auto runs = data::generated_runs(*stored, options.seed);
    if (!runs) {
      return fail(k_exit_failure, describe_error(runs.error()));
    }
    for (const auto& run : *runs) {
      std::cout << fmt::format("{} {} generated {} bars of {} ({} to {}){}\n",
                               options.dry_run ? "would move" : "moving", run.count,
                               core::to_string(series.timeframe), series.symbol.str(),
                               core::format_rfc3339(run.first), core::format_rfc3339(run.last),
                               options.dry_run ? "" : " to synthetic.db");
      moved += run.count;
      if (options.dry_run) {
        continue;
      }
      // Copied first, then deleted: an interruption leaves them in both stores, never in none.
      const auto end = run.last + core::Duration{1};
      if (auto copied = synthetic->upsert(stored->slice(run.first, end)); !copied) {
        return fail(k_exit_failure, describe_error(copied.error()));
      }
      if (auto erased = real->erase(series.symbol, series.timeframe, run.first, end); !erased) {
        return fail(k_exit_failure, describe_error(erased.error()));
      }
    }
  }
  std::cout << fmt::format("{} {} generated bars {} {}\n", options.dry_run ? "found" : "moved",
                           moved, options.dry_run ? "in" : "out of", real->path().string());
  return k_exit_ok;
}

} // namespace

void add_data_split_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<SplitOptions>();
  auto* cmd = data.add_subcommand(
      "split-synthetic", "Move generated bars an earlier crew wrote into bars.db to synthetic.db");
  cmd->add_flag("--dry-run", options->dry_run, "Only say what would move");
  cmd->add_option("--seed", options->seed, "The generator's seed (that of --sim and data synth)")
      ->capture_default_str();
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_split(global, *options); };
  });
}

} // namespace crew::app
