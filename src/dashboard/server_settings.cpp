#include "dashboard/server_settings.hpp"

#include <charconv>

namespace crew::dashboard {
namespace {

core::Result<int> parse_port(std::string_view text, std::string_view whole) {
  int port = -1;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, port);
  if (text.empty() || ec != std::errc{} || ptr != end || port < 0 || port > 65535) {
    return core::Error{"'" + std::string(whole) + "' is not HOST:PORT with a port 0-65535",
                       "--http"};
  }
  return port;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto other = i < b.size() ? b[i] : '\0';
    diff = static_cast<unsigned char>(
        diff | (static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(other)));
  }
  return diff == 0;
}

} // namespace

core::Result<ListenAddress> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    auto port = parse_port(text, text);
    if (!port) {
      return port.error();
    }
    return ListenAddress{"127.0.0.1", *port};
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return core::Error{"'" + std::string(text) + "': write an IPv6 address as [ADDRESS]:PORT",
                       "--http"};
  }
  if (host.empty()) {
    return core::Error{"'" + std::string(text) + "' has no host", "--http"};
  }
  auto port = parse_port(text.substr(colon + 1), text);
  if (!port) {
    return port.error();
  }
  return ListenAddress{std::string(host), *port};
}

bool is_loopback_host(std::string_view host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

core::Status validate(const ServerSettings& settings) {
  if (!is_loopback_host(settings.listen.host) && settings.token.empty()) {
    return core::Error{"listening on " + settings.listen.host +
                           " needs a token (--token or CREW_DASHBOARD_TOKEN): the dashboard "
                           "can halt trading",
                       "--http"};
  }
  if (!settings.token.empty() && settings.token.size() < 8) {
    return core::Error{"the dashboard token must have at least 8 characters", "--token"};
  }
  // URL-safe characters only, so that ?token= needs no escaping.
  for (const char c : settings.token) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (!safe) {
      return core::Error{"the dashboard token may hold only letters, digits and - _ . ~",
                         "--token"};
    }
  }
  return {};
}

bool token_accepted(const std::string& token, std::string_view authorization,
                    std::string_view query_token) {
  constexpr std::string_view k_bearer = "Bearer ";
  if (authorization.starts_with(k_bearer) &&
      constant_time_equal(token, authorization.substr(k_bearer.size()))) {
    return true;
  }
  return !query_token.empty() && constant_time_equal(token, query_token);
}

std::vector<std::filesystem::path> default_web_dirs(const std::filesystem::path& home) {
  return {home / "web", std::filesystem::path(CREW_SOURCE_WEB_DIR)};
}

std::filesystem::path find_vendor_dir(const std::vector<std::filesystem::path>& web_dirs) {
  for (const auto& dir : web_dirs) {
    const auto dist = dir / "node_modules" / "lightweight-charts" / "dist";
    std::error_code ec;
    if (std::filesystem::is_regular_file(dist / "lightweight-charts.standalone.production.js",
                                         ec)) {
      return dist;
    }
  }
  return {};
}

core::Duration stale_limit(const ServerSettings& settings) {
  if (settings.stale_after > core::Duration{0}) {
    return settings.stale_after;
  }
  return std::chrono::seconds{3 * settings.config.scheduler.tick_seconds};
}

} // namespace crew::dashboard
