#include "app/dashboard_options.hpp"

#include <cstdlib>

namespace crew::app {

void add_dashboard_options(CLI::App& cmd, DashboardOptions& options) {
  cmd.add_option("--token", options.token,
                 "Dashboard bearer token (or $CREW_DASHBOARD_TOKEN); needed off loopback")
      ->type_name("TOKEN");
  cmd.add_option("--web-dir", options.web_dir,
                 "Directory whose node_modules holds lightweight-charts")
      ->type_name("DIR");
}

core::Result<dashboard::ServerSettings> dashboard_settings(const AppContext& context,
                                                           const DashboardOptions& options,
                                                           const std::string& http) {
  auto listen = dashboard::parse_listen_address(http);
  if (!listen) {
    return listen.error();
  }
  dashboard::ServerSettings settings;
  settings.listen = *listen;
  settings.token = options.token;
  if (settings.token.empty()) {
    if (const char* env = std::getenv("CREW_DASHBOARD_TOKEN"); env != nullptr) {
      settings.token = env;
    }
  }
  settings.state_db = context.paths.state_db;
  settings.bar_store = context.paths.bar_store;
  auto web_dirs = dashboard::default_web_dirs(context.paths.home);
  if (!options.web_dir.empty()) {
    web_dirs.insert(web_dirs.begin(), std::filesystem::absolute(options.web_dir));
  }
  settings.vendor_dir = dashboard::find_vendor_dir(web_dirs);
  settings.config = context.config;
  if (auto valid = dashboard::validate(settings); !valid) {
    return valid.error();
  }
  return settings;
}

} // namespace crew::app
