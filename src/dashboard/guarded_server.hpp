#pragma once
// GuardedServer: cpp-httplib's Server with the connection handling replaced, so that a hostile
// client on the network (or another local user) cannot starve it or make it grow (issue 16).
// cpp-httplib 0.11 reads a request line or header line of any length into memory, keeps reading
// after a refusal (the unread body becomes "the next request"), gives a connection a thread for
// as long as it trickles bytes, and answers hundreds of byte ranges with as many copies. Here:
// - every request must bring its request line and headers within limits.header_bytes and the
//   whole request within limits.request; the wait for the next request on a kept-alive
//   connection is limits.idle;
// - while connections queue for one of the limits.workers threads, a connection that has waited
//   on its client for limits.busy_grace is closed, so an idle crowd cannot keep /health waiting;
// - the screen sees each request's headers before any body is read and before any handler runs;
//   a refusal is answered, and the connection closed without reading further;
// - a refused request's ranges are dropped, so that its answer is sent once.
// Internal to the dashboard module (it includes httplib.h).
#include "dashboard/request_rules.hpp"

#include <httplib.h>

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace crew::dashboard {

class GuardedServer : public httplib::Server {
public:
  // Decides on a request from its headers; nullopt lets it through to the routes.
  using Screen = std::function<std::optional<Refusal>(const httplib::Request&)>;
  // Writes a refusal into the answer (status, body).
  using Render = std::function<void(httplib::Response&, const Refusal&)>;

  GuardedServer(ConnectionLimits limits, Screen screen, Render render);

  const ConnectionLimits& limits() const { return m_limits; }
  // Connections accepted and waiting for a worker thread.
  int queued() const { return m_queued.load(); }
  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }

private:
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits m_limits;
  Screen m_screen;
  Render m_render;
  std::atomic<int> m_queued{0};
};

} // namespace crew::dashboard
