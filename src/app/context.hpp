#pragma once
// AppContext: what a subcommand needs from the outside world, resolved once from the global
// options and the environment (the only place besides main that reads environment variables).
#include "app/command.hpp"
#include "config/config.hpp"
#include "core/result.hpp"
#include "state/state_store.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace crew::app {

// Alpaca credentials from APCA_API_KEY_ID / APCA_API_SECRET_KEY; never logged or printed.
struct AlpacaKeys {
  std::string key_id;
  std::string secret_key;
  bool present() const { return !key_id.empty() && !secret_key.empty(); }
};

struct AppContext {
  config::Config config;
  config::Paths paths;
  AlpacaKeys keys;
  // Where config.alpaca.trading_url came from, for errors about it: "APCA_API_BASE_URL" or
  // "[alpaca] trading_url (<the configuration's source>)".
  std::string trading_url_source;
  bool dry_run = false;      // DRY_RUN=true|1|yes in the environment
  std::string smtp_password; // CREW_SMTP_PASSWORD, for [alerts] e-mail; never logged or printed
};

// How a subcommand wants its context; the defaults suit commands that print results.
struct ContextOptions {
  // Log lines at --log-level on stderr too; otherwise stderr gets only warnings and errors (the
  // daily file always gets every line at --log-level).
  bool console_logging = false;
  // A command that only looks (status, trades, orders, report, alerts, config): it creates no
  // directory of the home and works without a log file when it cannot open one (a read-only
  // home, another user's), after one warning on stderr.
  bool read_only = false;
};

// Resolves the home (--home, $CREW_HOME, ~/.local/share/tradingcrew), loads the configuration
// (--config, $CREW_CONFIG, ./crew.toml, defaults), applies APCA_API_BASE_URL / APCA_API_DATA_URL
// and DRY_RUN overrides, creates the directories, and starts logging (console + daily file). Core
// dumps are turned off before the keys are read.
core::Result<AppContext> load_context(const GlobalOptions& global);
core::Result<AppContext> load_context(const GlobalOptions& global, const ContextOptions& options);

// A configuration file with everything checked, the strategies' parameters included (a
// [strategy.params.*] key the strategy does not take is refused at its line).
core::Result<config::Config> load_config_file(const std::filesystem::path& path);

// The home directory alone (--home, $CREW_HOME, ~/.local/share/tradingcrew), made absolute.
core::Result<std::filesystem::path> resolve_home(const GlobalOptions& global);

// The state database for a command that only looks (status, trades, orders, alerts, report):
// read-only, so looking never creates or migrates the loop's file (perhaps as another user), and
// a clear error when no session has run yet.
core::Result<state::StateStore> open_state_read_only(const AppContext& context);

} // namespace crew::app
