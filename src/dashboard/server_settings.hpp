#pragma once
// ServerSettings: where the dashboard listens, who may use it and what it reads. It binds to
// loopback by default; any other address needs the bearer token for every request, and every
// state-changing request needs it on any address, because the page can halt trading. The token is
// a secret: crew keeps one in the home (<home>/dashboard.token, made on first start, mode 0600),
// or takes CREW_DASHBOARD_TOKEN or a file; never the command line or the config file.
#include "config/config.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <chrono>
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

// What one connection may cost the server (see guarded_server.hpp).
struct ConnectionLimits {
  std::size_t workers = 16;                  // threads serving connections
  std::size_t backlog = 128;                 // accepted, waiting for a thread; more: 503
  std::chrono::milliseconds idle{5000};      // wait for the next request on a connection
  std::chrono::milliseconds request{10'000}; // a request's headers and body must arrive in this
  std::chrono::milliseconds write{5000};     // the client must take the answer within this
  std::chrono::milliseconds busy_grace{500}; // while connections queue: longest wait on a client
  std::size_t header_bytes = 16 * 1024;      // request line and headers
  std::size_t body_bytes = 4096;             // a POST body
  std::size_t keep_alive_requests = 20;      // requests per connection

  bool operator==(const ConnectionLimits&) const = default;
};

struct ServerSettings {
  ListenAddress listen;
  std::string token;               // empty: no token: reading on loopback only, no POST
  std::filesystem::path state_db;  // read with read-only connections
  std::filesystem::path bar_store; // candles; empty or absent: /api/candles answers 404
  // Directory holding lightweight-charts.standalone.production.js, served at
  // /vendor/lightweight-charts.js; empty: the page draws without charts.
  std::filesystem::path vendor_dir;
  config::Config config; // the rotation, tick, risk limits and API quota the views report
  // /health turns 503 when the last loop tick is older than this (zero: three ticks).
  core::Duration stale_after{0};
  ConnectionLimits limits;
};

// Parses "HOST:PORT", "[IPv6]:PORT" or a bare "PORT" (then on 127.0.0.1).
core::Result<ListenAddress> parse_listen_address(std::string_view text);

// Whether `host` is a loopback address: 127.0.0.0/8, ::1 or localhost.
bool is_loopback_host(std::string_view host);

// Refuses a non-loopback address without a token, an unusable token, and a malformed
// [dashboard] allowed_hosts.
core::Status validate(const ServerSettings& settings);

// The token kept in `file` (<home>/dashboard.token), made on first use: 33 random bytes as
// URL-safe base64, written with mode 0600 and never replaced. A file that other users may read or
// that holds no usable token is refused.
core::Result<std::string> load_or_create_token(const std::filesystem::path& file);

// The token in `file` (its first line), which other users must not be able to read.
core::Result<std::string> read_token_file(const std::filesystem::path& file);

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
