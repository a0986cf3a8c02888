#pragma once
// FakeServer: fake_alpaca's HTTP server. Every request passes one gate before its route: it is
// logged, checked for the configured keys (401), counted against the sliding rate window (429
// with X-RateLimit-* headers), delayed, and possibly failed by the fault injector.
#include "bar_source.hpp"
#include "fault_injector.hpp"
#include "rate_window.hpp"
#include "route_context.hpp"
#include "trading_routes.hpp"

#include <httplib.h>

#include <chrono>
#include <optional>
#include <string>

namespace crew::fake_alpaca {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                                            // 0: any free port
  std::optional<std::pair<std::string, std::string>> keys; // id, secret; none: any non-empty
  int rate_limit = 200;                                    // requests per sliding minute
  std::chrono::milliseconds delay{0};                      // added to every response
  FaultSettings faults;
  std::string state_file;                   // trading state (JSON); empty: in memory only
  std::optional<core::UtcTime> clock_start; // none: the wall clock
  double clock_speed = 1.0;
  std::string starting_cash = "100000";
  double crypto_fee_rate = 0.0025;
};

class FakeServer {
public:
  FakeServer(ServerOptions options, BarSource source);
  // Loads the trading state file (if any); false with a message on stderr when unreadable.
  bool load_state();
  // Binds the socket; returns the port, or nullopt when binding failed.
  std::optional<int> bind();
  // Serves until stop() (blocks).
  bool listen();
  void stop();

private:
  httplib::Server::HandlerResponse gate(const httplib::Request& req, httplib::Response& res);
  // After the route: holds a "slow" answer back, cuts a "malformed" body short.
  void garble(const httplib::Request& req, httplib::Response& res);

  ServerOptions m_options;
  BarSource m_source;
  RouteContext m_context;
  FakeClock m_clock;
  TradingBook m_book;
  TradingRoutes m_trading;
  FaultInjector m_faults;
  RateWindow m_window;
  httplib::Server m_server;
};

// The wall clock fake_alpaca answers with.
core::UtcTime system_now();

} // namespace crew::fake_alpaca
