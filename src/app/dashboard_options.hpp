#pragma once
// The dashboard's command-line options, shared by `crew serve` and `crew autonomous --http`:
// where to listen, where the token comes from and where the page's npm packages are (--web-dir,
// else the default places). The token is a secret and never an argument (the process list shows
// arguments to every user): --token-file FILE, else $CREW_DASHBOARD_TOKEN, else the home's
// dashboard.token, made on first start with mode 0600. --token is refused, saying so.
#include "app/context.hpp"
#include "dashboard/server_settings.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace crew::app {

struct DashboardOptions {
  std::string http; // HOST:PORT; empty: no dashboard (autonomous) or the default (serve)
  std::string token_file;
  bool token_given = false; // --token TOKEN was given (refused)
  std::string web_dir;
};

// Adds --token-file, --web-dir and the refused --token to `cmd` (each command adds its --http).
void add_dashboard_options(CLI::App& cmd, DashboardOptions& options);

// Where the token comes from: the --token-file, "CREW_DASHBOARD_TOKEN", or <home>/dashboard.token.
std::string token_origin(const AppContext& context, const DashboardOptions& options);

// The server settings for `http` from the options, the environment and the context's paths.
// A home without its token file gets one; when it cannot be written (a read-only home) the
// dashboard serves without a token: reading on loopback only, every POST refused (logged).
core::Result<dashboard::ServerSettings> dashboard_settings(const AppContext& context,
                                                           const DashboardOptions& options,
                                                           const std::string& http);

} // namespace crew::app
