#pragma once
// SilentServer: a loopback TCP server that accepts connections and never sends a byte — a webhook
// that never answers its POST, an SMTP server that never greets. In-process and bounded: it holds
// at most 16 connections (older ones are closed), a poll() with a short timeout lets it stop at
// once, and its destructor closes everything, which ends any client still waiting.
#include "loopback_listener.hpp"

#include <atomic>
#include <deque>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace crew::alerts::test {

class SilentServer {
public:
  SilentServer() {
    const auto listener = listen_on_loopback(16);
    m_listener = listener.fd;
    m_port = listener.port;
    m_thread = std::thread([this] { serve(); });
  }
  ~SilentServer() {
    m_stopping = true;
    m_thread.join();
    for (const int client : m_held) {
      ::close(client);
    }
    ::close(m_listener);
  }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;

  int port() const { return m_port; }
  std::string http_url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/hook"; }
  std::string smtp_url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }
  // Connections accepted so far.
  int accepted() const { return m_accepted.load(); }

private:
  void serve() {
    while (!m_stopping) {
      pollfd waiting{m_listener, POLLIN, 0};
      if (::poll(&waiting, 1, 10) <= 0) {
        continue;
      }
      const int client = ::accept(m_listener, nullptr, nullptr);
      if (client < 0) {
        continue;
      }
      ++m_accepted;
      m_held.push_back(client);
      if (m_held.size() > 16) {
        ::close(m_held.front());
        m_held.pop_front();
      }
    }
  }

  int m_listener = -1;
  int m_port = 0;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_accepted{0};
  std::deque<int> m_held; // only the server thread touches it until the destructor joins
  std::thread m_thread;
};

} // namespace crew::alerts::test
