#include "app/systemd_notify.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace crew::app {

SystemdNotifier SystemdNotifier::from_environment() {
  const char* path = std::getenv("NOTIFY_SOCKET");
  return SystemdNotifier(path != nullptr ? path : "");
}

SystemdNotifier::SystemdNotifier(std::string socket_path) : m_path(std::move(socket_path)) {
  sockaddr_un address{};
  if (m_path.empty() || m_path.size() >= sizeof(address.sun_path) ||
      (m_path[0] != '/' && m_path[0] != '@')) {
    if (!m_path.empty()) {
      spdlog::warn("NOTIFY_SOCKET '{}' is not a socket path; not notifying systemd", m_path);
    }
    return;
  }
  m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (m_fd < 0) {
    spdlog::warn("cannot create the systemd notify socket: {}", std::strerror(errno));
  }
}

SystemdNotifier::SystemdNotifier(SystemdNotifier&& other) noexcept
    : m_path(std::move(other.m_path)), m_fd(std::exchange(other.m_fd, -1)),
      m_warned(other.m_warned) {}

SystemdNotifier::~SystemdNotifier() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

void SystemdNotifier::notify(std::string_view state) {
  if (m_fd < 0) {
    return;
  }
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, m_path.data(), m_path.size());
  if (m_path[0] == '@') {
    address.sun_path[0] = '\0'; // Linux abstract namespace
  }
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_path.size());
  const auto sent = ::sendto(m_fd, state.data(), state.size(), MSG_NOSIGNAL,
                             reinterpret_cast<const sockaddr*>(&address), length);
  if (sent < 0 && !m_warned) {
    m_warned = true; // once: a missing listener must not flood the log every tick
    spdlog::warn("cannot notify systemd at {}: {}", m_path, std::strerror(errno));
  }
}

} // namespace crew::app
