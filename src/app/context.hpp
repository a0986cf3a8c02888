#pragma once
// AppContext: what a subcommand needs from the outside world, resolved once from the global
// options and the environment (the only place besides main that reads environment variables).
#include "app/command.hpp"
#include "config/config.hpp"
#include "core/result.hpp"

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
};

// Resolves the home (--home, $CREW_HOME, ~/.local/share/tradingcrew), loads the configuration
// (--config, $CREW_CONFIG, ./crew.toml, defaults), applies APCA_API_BASE_URL / APCA_API_DATA_URL
// and DRY_RUN overrides, creates the directories, and starts logging (console + daily file).
core::Result<AppContext> load_context(const GlobalOptions& global);

} // namespace crew::app
