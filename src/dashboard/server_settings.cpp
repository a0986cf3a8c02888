#include "dashboard/server_settings.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

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

// What is wrong with `token`, or nullptr. URL-safe characters only, so that ?token= needs no
// escaping.
const char* token_problem(std::string_view token) {
  if (token.size() < 8) {
    return "the dashboard token must have at least 8 characters";
  }
  for (const char c : token) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '~';
    if (!safe) {
      return "the dashboard token may hold only letters, digits and - _ . ~";
    }
  }
  return nullptr;
}

std::string system_error(const std::filesystem::path& file, const char* what) {
  return std::string(what) + " " + file.string() + ": " + std::strerror(errno);
}

// 33 bytes of the kernel's randomness as URL-safe base64 (44 characters, no padding).
core::Result<std::string> random_token() {
  std::array<unsigned char, 33> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const auto n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return core::Error{std::string("no randomness for the dashboard token: ") +
                             std::strerror(errno),
                         "getrandom"};
    }
    got += static_cast<std::size_t>(n);
  }
  constexpr std::string_view k_alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string token;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const unsigned v = (unsigned{bytes[i]} << 16) | (unsigned{bytes[i + 1]} << 8) | bytes[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6) {
      token += k_alphabet[(v >> shift) & 63U];
    }
  }
  return token;
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
  if (const char* problem = settings.token.empty() ? nullptr : token_problem(settings.token)) {
    return core::Error{problem, "dashboard token"};
  }
  if (auto hosts = config::parse_host_list(settings.config.dashboard.allowed_hosts); !hosts) {
    return hosts.error();
  }
  return {};
}

core::Result<std::string> read_token_file(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    return core::Error{system_error(file, "cannot read"), "dashboard token"};
  }
  if (!S_ISREG(info.st_mode)) {
    return core::Error{file.string() + " is not a file", "dashboard token"};
  }
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return core::Error{file.string() + " has mode " + mode +
                           ": other users could read the dashboard token (chmod 600 it)",
                       "dashboard token"};
  }
  std::ifstream in(file);
  std::string token;
  if (!in || !std::getline(in, token)) {
    return core::Error{file.string() + " holds no token", "dashboard token"};
  }
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (const char* problem = token_problem(token)) {
    return core::Error{std::string(problem) + " (" + file.string() + ")", "dashboard token"};
  }
  return token;
}

core::Result<std::string> load_or_create_token(const std::filesystem::path& file) {
  if (std::error_code ec; std::filesystem::exists(file, ec)) {
    return read_token_file(file);
  }
  auto token = random_token();
  if (!token) {
    return token.error();
  }
  // Written whole to a file of its own, then linked into place: a concurrent start either wins
  // the link or reads the winner's token, and nobody ever sees half a file.
  const auto temp = file.string() + ".new." + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    return core::Error{system_error(temp, "cannot create"), "dashboard token"};
  }
  const auto line = *token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  const bool linked = written && ::link(temp.c_str(), file.c_str()) == 0;
  const int link_error = errno;
  ::unlink(temp.c_str());
  if (!linked) {
    if (written && link_error == EEXIST) {
      return read_token_file(file);
    }
    errno = link_error;
    return core::Error{system_error(file, "cannot write"), "dashboard token"};
  }
  return token;
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
