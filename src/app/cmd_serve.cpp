// crew serve [--http 127.0.0.1:8080] [--token-file FILE] [--web-dir DIR]: the dashboard alone,
// over the state store of a loop running in another process (or of a finished session). Serves
// until SIGINT or SIGTERM. `crew autonomous --http` serves the same from inside the loop.
// crew serve --check: prints what /health would answer from the store alone and exits 0 when
// healthy, 1 when not, without serving (the shipped health check's second opinion when /health
// does not answer).
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/dashboard_options.hpp"
#include "dashboard/dashboard_server.hpp"
#include "engine/clock.hpp"

#include <csignal>
#include <iostream>

namespace crew::app {
namespace {

struct ServeOptions {
  std::string http = "127.0.0.1:8080";
  DashboardOptions dashboard;
  bool check = false;
};

int run_check(const AppContext& context) {
  dashboard::ServerSettings settings;
  settings.state_db = context.paths.state_db;
  settings.config = context.config;
  auto health = dashboard::check_health(settings, engine::RealClock{}.now());
  if (!health) {
    return fail(k_exit_failure, health.error().message());
  }
  std::cout << health->body.dump() << std::endl;
  return health->healthy ? k_exit_ok : k_exit_failure;
}

int run_serve(const GlobalOptions& global, const ServeOptions& options) {
  auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  if (options.check) {
    return run_check(*context);
  }
  auto settings = dashboard_settings(*context, options.dashboard, options.http);
  if (!settings) {
    return fail(k_exit_bad_input, settings.error().message());
  }
  const bool charts = !settings->vendor_dir.empty();
  const bool has_token = !settings->token.empty();
  // The signals wait for sigwait() below: blocked before the server's threads start, so every
  // thread inherits the block and none of them is interrupted.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto server =
      dashboard::start_background(std::move(*settings), [] { return engine::RealClock{}.now(); });
  if (!server) {
    return fail(k_exit_failure, server.error().message());
  }
  std::cout << "dashboard on " << (*server)->url() << " (state " << context->paths.state_db.string()
            << "); Ctrl-C stops it" << std::endl;
  if (has_token) {
    std::cout << "the page's STOP and Resume buttons ask for the dashboard token ("
              << token_origin(*context, options.dashboard) << "), or open " << (*server)->url()
              << "#token=TOKEN" << std::endl;
  }
  if (!charts) {
    std::cerr << "crew: charts unavailable: lightweight-charts not found (run "
                 "scripts/install-deps.sh or pass --web-dir)"
              << std::endl;
  }
  int received = 0;
  sigwait(&signals, &received);
  server->reset();
  std::cout << "dashboard stopped" << std::endl;
  return k_exit_ok;
}

} // namespace

void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the dashboard: JSON API, /metrics, web page");
  cmd->add_option("--http", options->http, "Address to listen on (HOST:PORT; port 0: any free)")
      ->default_str("127.0.0.1:8080");
  add_dashboard_options(*cmd, options->dashboard);
  cmd->add_flag("--check", options->check,
                "Print /health's answer from the state store and exit 0 when healthy, 1 if not");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_serve(global, *options); };
  });
}

} // namespace crew::app
