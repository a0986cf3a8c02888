// Resolution order, written once: the home is --home, else $CREW_HOME, else
// $HOME/.local/share/tradingcrew. The configuration is --config, else $CREW_CONFIG (both must
// exist), else ./crew.toml when present, else the built-in defaults. The environment then
// overrides the Alpaca URLs and supplies the keys, which go to the log redactor before the first
// log line is written.
#include "app/context.hpp"

#include "config/logging.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <system_error>

namespace crew::app {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string{} : std::string(value);
}

core::Result<config::Config> load_configuration(const GlobalOptions& global) {
  if (!global.config_path.empty()) {
    return config::load_config_file(global.config_path);
  }
  if (const auto from_env = env("CREW_CONFIG"); !from_env.empty()) {
    return config::load_config_file(from_env);
  }
  std::error_code ec;
  if (std::filesystem::exists("crew.toml", ec)) {
    return config::load_config_file("crew.toml");
  }
  return config::default_config();
}

// APCA_API_BASE_URL / APCA_API_DATA_URL win over [alpaca] trading_url / data_url.
core::Status apply_url_overrides(config::AlpacaConfig& alpaca) {
  for (const auto& [name, target] : {std::pair{"APCA_API_BASE_URL", &alpaca.trading_url},
                                     std::pair{"APCA_API_DATA_URL", &alpaca.data_url}}) {
    const auto value = env(name);
    if (value.empty()) {
      continue;
    }
    if (!config::is_http_url(value)) {
      return core::Error{std::string(name) + " must be an http:// or https:// URL", "environment"};
    }
    *target = value;
  }
  return {};
}

core::Result<bool> dry_run_from_env() {
  const auto value = env("DRY_RUN");
  if (value.empty() || value == "false" || value == "0" || value == "no") {
    return false;
  }
  if (value == "true" || value == "1" || value == "yes") {
    return true;
  }
  return core::Error{"DRY_RUN must be true or false", "environment"};
}

core::Status create_directories(const config::Paths& paths) {
  for (const auto* dir : {&paths.home, &paths.data_dir, &paths.state_dir, &paths.backup_dir,
                          &paths.log_dir, &paths.report_dir}) {
    std::error_code ec;
    std::filesystem::create_directories(*dir, ec);
    if (ec || !std::filesystem::is_directory(*dir, ec)) {
      return core::Error{"cannot create directory: " + ec.message(), dir->string()};
    }
  }
  return {};
}

} // namespace

core::Result<std::filesystem::path> resolve_home(const GlobalOptions& global) {
  std::filesystem::path home = global.home;
  if (home.empty()) {
    home = env("CREW_HOME");
  }
  if (home.empty()) {
    const auto user_home = env("HOME");
    if (user_home.empty()) {
      return core::Error{"no home directory: pass --home DIR or set CREW_HOME", "environment"};
    }
    home = std::filesystem::path(user_home) / ".local" / "share" / "tradingcrew";
  }
  std::error_code ec;
  auto absolute = std::filesystem::absolute(home, ec);
  if (ec) {
    return core::Error{"cannot resolve the home directory: " + ec.message(), home.string()};
  }
  return absolute.lexically_normal();
}

core::Result<AppContext> load_context(const GlobalOptions& global) {
  return load_context(global, ContextOptions{});
}

core::Result<AppContext> load_context(const GlobalOptions& global, const ContextOptions& options) {
  AppContext context;
  auto home = resolve_home(global);
  if (!home) {
    return home.error();
  }
  auto loaded = load_configuration(global);
  if (!loaded) {
    return loaded.error();
  }
  context.config = std::move(*loaded);
  if (auto urls = apply_url_overrides(context.config.alpaca); !urls) {
    return urls.error();
  }
  const auto dry_run = dry_run_from_env();
  if (!dry_run) {
    return dry_run.error();
  }
  context.dry_run = *dry_run;
  context.keys.key_id = env("APCA_API_KEY_ID");
  context.keys.secret_key = env("APCA_API_SECRET_KEY");
  context.smtp_password = env("CREW_SMTP_PASSWORD");
  context.paths = config::resolve_paths(*home, context.config.paths);
  if (auto created = create_directories(context.paths); !created) {
    return created.error();
  }

  config::SecretRedactor redactor;
  redactor.add(context.keys.key_id);
  redactor.add(context.keys.secret_key);
  redactor.add(context.smtp_password);
  redactor.add(context.config.alerts.webhook_url); // a Slack or Discord webhook URL is a secret
  if (auto logging =
          config::setup_logging(context.paths.log_dir, global.log_level, options.console_logging,
                                redactor, context.config.paths.log_keep_days);
      !logging) {
    return logging.error();
  }
  spdlog::info("configuration: {}; home: {}; alpaca keys: {}", context.config.source,
               context.paths.home.string(), context.keys.present() ? "present" : "absent");
  if (context.keys.key_id.empty() != context.keys.secret_key.empty()) {
    spdlog::warn("only one of APCA_API_KEY_ID and APCA_API_SECRET_KEY is set; both are needed");
  }
  return context;
}

core::Result<state::StateStore> open_state_read_only(const AppContext& context) {
  std::error_code ec;
  if (!std::filesystem::exists(context.paths.state_db, ec)) {
    return core::Error{"no state database yet; run `crew autonomous` first",
                       context.paths.state_db.string()};
  }
  return state::StateStore::open(context.paths.state_db, {.read_only = true});
}

} // namespace crew::app
