// crew stop [--flatten] and crew resume: the emergency stop flag in the state store. The running
// loop notices it within one tick: it cancels open orders, closes every position when --flatten
// was given, and trades no more until `crew resume` clears the flag.
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "engine/clock.hpp"
#include "state/state_store.hpp"
#include "state/stop_request.hpp"

#include <iostream>

namespace crew::app {
namespace {

struct StopOptions {
  bool flatten = false;
};

int run_stop(const GlobalOptions& global, const StopOptions& options, bool resume) {
  auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  auto store = state::StateStore::open(context->paths.state_db);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  const auto at = state::flag_time(*store, engine::RealClock{}.now());
  const auto status =
      resume ? state::request_resume(*store, at) : state::request_stop(*store, options.flatten, at);
  if (!status) {
    return fail(k_exit_failure, status.error().message());
  }
  if (resume) {
    std::cout << "trading resumed: the loop trades again from its next tick\n";
  } else {
    std::cout << "emergency stop set" << (options.flatten ? " (positions will be closed)" : "")
              << ": the loop cancels open orders and halts within one tick\n";
  }
  return k_exit_ok;
}

} // namespace

void add_stop_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<StopOptions>();
  auto* stop = app.add_subcommand("stop", "Emergency stop: cancel open orders and halt trading");
  stop->add_flag("--flatten", options->flatten, "Close every position too");
  stop->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_stop(global, *options, false); };
  });
  auto* resume = app.add_subcommand("resume", "Lift the emergency stop or a drawdown halt");
  resume->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_stop(global, *options, true); };
  });
}

} // namespace crew::app
