#pragma once
// ServerSettings: where the dashboard listens, who may use it and what it reads. It binds to
// loopback by default; any other address needs a bearer token, because the page can halt trading.
// The token is a secret: it comes from the command line or the environment, never the config file.
#include "config/config.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace crew::dashboard {

struct ListenAddress {
  std::string host = "127.0.0.1";
  int port = 8080; // 0: any free port

  bool operator==(const ListenAddress&) const = default;
};

struct ServerSettings {
  ListenAddress listen;
  std::string token;               // empty: no token (allowed on loopback only)
  std::filesystem::path state_db;  // read with read-only connections
  std::filesystem::path bar_store; // candles; empty or absent: /api/candles answers 404
  // Directory holding lightweight-charts.standalone.production.js, served at
  // /vendor/lightweight-charts.js; empty: the page draws without charts.
  std::filesystem::path vendor_dir;
  config::Config config; // the rotation, tick, risk limits and API quota the views report
  // /health turns 503 when the last loop tick is older than this (zero: three ticks).
  core::Duration stale_after{0};
};

// Parses "HOST:PORT", "[IPv6]:PORT" or a bare "PORT" (then on 127.0.0.1).
core::Result<ListenAddress> parse_listen_address(std::string_view text);

// Whether `host` is a loopback address: 127.0.0.0/8, ::1 or localhost.
bool is_loopback_host(std::string_view host);

// Refuses a non-loopback address without a token, and an unusable token.
core::Status validate(const ServerSettings& settings);

// Whether a request carrying `authorization` (the Authorization header) or `query_token` (the
// ?token= parameter) may pass when `token` is required. Compares in constant time.
bool token_accepted(const std::string& token, std::string_view authorization,
                    std::string_view query_token);

// The stale limit in force: stale_after, or three ticks of the configured scheduler.
core::Duration stale_limit(const ServerSettings& settings);

// Where scripts/install-deps.sh may have put the page's npm packages: <home>/web, then
// third_party/web of the source tree this program was built from.
std::vector<std::filesystem::path> default_web_dirs(const std::filesystem::path& home);

// The first <dir>/node_modules/lightweight-charts/dist holding the standalone script; empty
// when none does.
std::filesystem::path find_vendor_dir(const std::vector<std::filesystem::path>& web_dirs);

} // namespace crew::dashboard
