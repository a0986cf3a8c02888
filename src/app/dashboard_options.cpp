#include "app/dashboard_options.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>

namespace crew::app {
namespace {

std::filesystem::path home_token_file(const AppContext& context) {
  return context.paths.home / "dashboard.token";
}

std::string environment_token() {
  const char* env = std::getenv("CREW_DASHBOARD_TOKEN");
  return env == nullptr ? std::string() : std::string(env);
}

} // namespace

void add_dashboard_options(CLI::App& cmd, DashboardOptions& options) {
  cmd.add_option("--token-file", options.token_file,
                 "File holding the dashboard token, mode 0600 (else $CREW_DASHBOARD_TOKEN, else "
                 "<home>/dashboard.token, made on first start)")
      ->type_name("FILE");
  // Refused with a message rather than unknown: a token given here is in every user's `ps`.
  cmd.add_option_function<std::string>(
         "--token", [&options](const std::string&) { options.token_given = true; },
         "Refused: use $CREW_DASHBOARD_TOKEN or --token-file")
      ->type_name("TOKEN")
      ->group("");
  cmd.add_option("--web-dir", options.web_dir,
                 "Directory whose node_modules holds lightweight-charts")
      ->type_name("DIR");
}

std::string token_origin(const AppContext& context, const DashboardOptions& options) {
  if (!options.token_file.empty()) {
    return options.token_file;
  }
  if (!environment_token().empty()) {
    return "CREW_DASHBOARD_TOKEN";
  }
  return home_token_file(context).string();
}

core::Result<dashboard::ServerSettings> dashboard_settings(const AppContext& context,
                                                           const DashboardOptions& options,
                                                           const std::string& http) {
  if (options.token_given) {
    return core::Error{"a token on the command line is visible to every user in the process "
                       "list; put it in CREW_DASHBOARD_TOKEN or in a file for --token-file "
                       "(mode 0600), or use the home's dashboard.token",
                       "--token"};
  }
  auto listen = dashboard::parse_listen_address(http);
  if (!listen) {
    return listen.error();
  }
  dashboard::ServerSettings settings;
  settings.listen = *listen;
  const auto home_file = home_token_file(context);
  if (!options.token_file.empty()) {
    auto token = dashboard::read_token_file(options.token_file);
    if (!token) {
      return core::Error{token.error().what, "--token-file"};
    }
    settings.token = *token;
  } else if (auto env = environment_token(); !env.empty()) {
    settings.token = env;
  } else if (std::error_code ec; std::filesystem::exists(home_file, ec)) {
    auto token = dashboard::read_token_file(home_file);
    if (!token) {
      return token.error();
    }
    settings.token = *token;
  } else if (auto made = dashboard::load_or_create_token(home_file); made) {
    settings.token = *made;
  } else {
    spdlog::warn("dashboard: no token ({}): the dashboard will refuse every stop and resume",
                 made.error().message());
  }
  if (!settings.token.empty()) {
    spdlog::info("dashboard: stop and resume need the token in {}", token_origin(context, options));
  }
  settings.state_db = context.paths.state_db;
  // Candles of the real bars; of the generated ones in a home that has only those (the demo).
  const bool only_synthetic = !std::filesystem::exists(context.paths.bar_store) &&
                              std::filesystem::exists(context.paths.synthetic_store);
  settings.bar_store = only_synthetic ? context.paths.synthetic_store : context.paths.bar_store;
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
