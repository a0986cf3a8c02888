#pragma once
// Served: a dashboard on a free loopback port over the hand-filled stores of
// dashboard_fixtures.hpp, its wall clock fixed; and RawConnection, a plain socket to it for the
// requests httplib's client will not send (malformed, huge, idle, foreign Host).
#include "dashboard/dashboard_fixtures.hpp"
#include "dashboard/dashboard_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <functional>
#include <netinet/in.h>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace crew::dashboard::test {

struct Served {
  crew::test::TempDir dir;
  std::unique_ptr<BackgroundServer> server;

  explicit Served(std::string token = {}, LiveSource live = {},
                  const std::function<void(ServerSettings&)>& adjust = {}) {
    {
      auto store = open_state(dir / "state.db");
      fill_state(store);
      auto bars = open_bars(dir / "bars.db");
      fill_bars(bars);
    }
    ServerSettings settings;
    settings.listen = ListenAddress{"127.0.0.1", 0};
    settings.token = std::move(token);
    settings.state_db = dir / "state.db";
    settings.bar_store = dir / "bars.db";
    settings.vendor_dir = dir / "vendor";
    std::filesystem::create_directories(settings.vendor_dir);
    dir.write("vendor/lightweight-charts.standalone.production.js", "window.LightweightCharts={};");
    if (adjust) {
      adjust(settings);
    }
    auto started = start_background(
        settings, [] { return fixture_now(); }, std::move(live));
    EXPECT_TRUE(started.ok()) << started.error().message();
    server = std::move(started).value();
  }
  int port() const { return server->port(); }
  std::string host() const { return "127.0.0.1:" + std::to_string(port()); }
  httplib::Client client() const { return httplib::Client("127.0.0.1", port()); }
  nlohmann::json get_json(const std::string& path, int expected = 200) const {
    auto res = client().Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) {
      return {};
    }
    EXPECT_EQ(res->status, expected) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
    return nlohmann::json::parse(res->body);
  }
  bool halted() const {
    auto store = open_state(dir / "state.db");
    return store.halt_state()->halted;
  }
};

// One TCP connection to 127.0.0.1:port.
class RawConnection {
public:
  explicit RawConnection(int port) : m_fd(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m_connected = ::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() { ::close(m_fd); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return m_connected; }
  // Sends all of `bytes`; false when the server closed or stopped reading for 2 s.
  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      pollfd p{m_fd, POLLOUT, 0};
      if (::poll(&p, 1, 2000) != 1 || (p.revents & (POLLERR | POLLHUP)) != 0) {
        return false;
      }
      const auto n = ::send(m_fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  // What the server sent within `timeout` (until it closed, or went quiet after sending).
  std::string receive(std::chrono::milliseconds timeout = std::chrono::milliseconds{3000}) {
    std::string got;
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{m_fd, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      const int wait = got.empty() ? static_cast<int>(left.count()) : 200;
      if (::poll(&p, 1, std::max(wait, 1)) != 1) {
        if (!got.empty()) {
          break;
        }
        continue;
      }
      char buffer[65536];
      const auto n = ::recv(m_fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        m_closed = true;
        break;
      }
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }
  // Whether the server closes the connection within `timeout` (reading and dropping what comes).
  bool closed_within(std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (!m_closed && std::chrono::steady_clock::now() < end) {
      receive(std::chrono::milliseconds{100});
    }
    return m_closed;
  }

private:
  int m_fd;
  bool m_connected = false;
  bool m_closed = false;
};

// The status code of a raw answer ("HTTP/1.1 421 …" gives 421); 0 when there is none.
inline int status_of(const std::string& answer) {
  if (answer.rfind("HTTP/1.", 0) != 0 || answer.size() < 12) {
    return 0;
  }
  return std::stoi(answer.substr(9, 3));
}

// Sends `request` on a fresh connection and returns the status of the answer.
inline int raw_status(int port, const std::string& request) {
  RawConnection c(port);
  c.send(request);
  return status_of(c.receive());
}

} // namespace crew::dashboard::test
