// Resolution order, written once: the home is --home, else $CREW_HOME, else
// $HOME/.local/share/tradingcrew. The configuration is --config, else $CREW_CONFIG (both must
// exist), else ./crew.toml when present, else the built-in defaults; given but empty, either is
// refused, as is an empty --home or $CREW_HOME. The environment then
// overrides the Alpaca URLs and supplies the keys, which go to the log redactor before the first
// log line is written.
#include "app/context.hpp"

#include "alpaca/http_transport.hpp"
#include "config/logging.hpp"
#include "core/http_url.hpp"
#include "strategy/registry.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <system_error>

#ifdef __linux__
#include <sys/prctl.h>
#endif

namespace crew::app {
namespace {

std::optional<std::string> env_if_set(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::nullopt : std::optional<std::string>(value);
}

std::string env(const char* name) {
  return env_if_set(name).value_or(std::string{});
}

// The option if given, else the variable if set; an empty one is an error: it would otherwise
// silently mean the default (another home, the built-in configuration).
core::Result<std::optional<std::string>> option_or_env(const std::optional<std::string>& option,
                                                       const char* option_name,
                                                       const char* variable, const char* what) {
  if (option) {
    if (option->empty()) {
      return core::Error{
          std::string(option_name) + " is empty: give " + what + ", or leave the option out", ""};
    }
    return option;
  }
  auto from_env = env_if_set(variable);
  if (from_env && from_env->empty()) {
    return core::Error{std::string(variable) + " is set but empty: give " + what + ", or unset it",
                       "environment"};
  }
  return from_env;
}

core::Result<config::Config> load_configuration(const GlobalOptions& global) {
  auto path = option_or_env(global.config_path, "--config", "CREW_CONFIG", "a configuration file");
  if (!path) {
    return path.error();
  }
  if (*path) {
    return load_config_file(**path);
  }
  std::error_code ec;
  if (std::filesystem::exists("crew.toml", ec)) {
    return load_config_file("crew.toml");
  }
  return config::default_config();
}

// The keys are in this process's memory from the moment they are read: a core dump (or another
// process of the same user attaching to it) must not be able to carry them off.
void forbid_core_dumps() {
#ifdef __linux__
  ::prctl(PR_SET_DUMPABLE, 0UL, 0UL, 0UL, 0UL);
#endif
}

// APCA_API_BASE_URL / APCA_API_DATA_URL win over [alpaca] trading_url / data_url; the context
// remembers where the trading URL came from, for the paper/live guard's errors.
core::Status apply_url_overrides(AppContext& context) {
  auto& alpaca = context.config.alpaca;
  context.trading_url_source = "[alpaca] trading_url (" + context.config.source + ")";
  for (const auto& [name, target] : {std::pair{"APCA_API_BASE_URL", &alpaca.trading_url},
                                     std::pair{"APCA_API_DATA_URL", &alpaca.data_url}}) {
    const auto value = env(name);
    if (value.empty()) {
      continue;
    }
    if (const char* problem = core::base_url_problem(value); problem != nullptr) {
      return core::Error{std::string(name) + " " + problem, "environment"};
    }
    *target = value;
    if (target == &alpaca.trading_url) {
      context.trading_url_source = name;
    }
  }
  return {};
}

// A key with CR, LF or another control character would inject HTTP headers; the error names the
// variable only.
core::Status check_keys(const AlpacaKeys& keys) {
  for (const auto& [name, value] : {std::pair{"APCA_API_KEY_ID", &keys.key_id},
                                    std::pair{"APCA_API_SECRET_KEY", &keys.secret_key}}) {
    if (!alpaca::is_header_value(*value)) {
      return core::Error{std::string(name) +
                             " contains a control character (CR, LF, tab or another byte below "
                             "0x20, or DEL); its value is not shown",
                         "environment"};
    }
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

// A home a command that only looks can use: a directory, or nothing yet.
core::Status check_home(const std::filesystem::path& home) {
  std::error_code ec;
  const auto status = std::filesystem::status(home, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    return core::Error{"cannot use the home directory: " + ec.message(), home.string()};
  }
  if (std::filesystem::exists(status) && !std::filesystem::is_directory(status)) {
    return core::Error{"the home is not a directory", home.string()};
  }
  return {};
}

} // namespace

core::Result<std::filesystem::path> resolve_home(const GlobalOptions& global) {
  auto given = option_or_env(global.home, "--home", "CREW_HOME", "a directory");
  if (!given) {
    return given.error();
  }
  std::filesystem::path home = given->value_or(std::string{});
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

core::Result<config::Config> load_config_file(const std::filesystem::path& path) {
  // The strategies' parameters are checked by the strategies, at the key's line.
  return config::load_config_file(path, [](const config::Config& config) {
    return strategy::validate_strategy_params(config.strategy);
  });
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
  if (auto urls = apply_url_overrides(context); !urls) {
    return urls.error();
  }
  const auto dry_run = dry_run_from_env();
  if (!dry_run) {
    return dry_run.error();
  }
  context.dry_run = *dry_run;
  forbid_core_dumps();
  context.keys.key_id = env("APCA_API_KEY_ID");
  context.keys.secret_key = env("APCA_API_SECRET_KEY");
  if (auto keys = check_keys(context.keys); !keys) {
    return keys.error();
  }
  context.smtp_password = env("CREW_SMTP_PASSWORD");
  context.paths = config::resolve_paths(*home, context.config.paths);
  // A command that only looks leaves the home as it is (it may be read-only, or another user's),
  // but a home that cannot be one is refused all the same.
  if (auto usable =
          options.read_only ? check_home(context.paths.home) : create_directories(context.paths);
      !usable) {
    return usable.error();
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
    if (!options.read_only) {
      return logging.error();
    }
    // Looking needs no log file: say once that there is none, and log to stderr only.
    if (auto console =
            config::setup_logging({}, global.log_level, options.console_logging, redactor);
        !console) {
      return console.error();
    }
    spdlog::warn("not logging to a file: {}", logging.error().message());
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
