#pragma once
// The dashboard's command-line options, shared by `crew serve` and `crew autonomous --http`:
// where to listen, the token (--token, else $CREW_DASHBOARD_TOKEN; never the config file, which
// refuses secrets) and where the page's npm packages are (--web-dir, else the default places).
#include "app/context.hpp"
#include "dashboard/server_settings.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace crew::app {

struct DashboardOptions {
  std::string http; // HOST:PORT; empty: no dashboard (autonomous) or the default (serve)
  std::string token;
  std::string web_dir;
};

// Adds --token and --web-dir to `cmd` (each command adds its own --http).
void add_dashboard_options(CLI::App& cmd, DashboardOptions& options);

// The server settings for `http` from the options, the environment and the context's paths.
core::Result<dashboard::ServerSettings> dashboard_settings(const AppContext& context,
                                                           const DashboardOptions& options,
                                                           const std::string& http);

} // namespace crew::app
