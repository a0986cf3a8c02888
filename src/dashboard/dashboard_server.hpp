#pragma once
// DashboardServer: the HTTP face of a running (or finished) session — the JSON API, /health,
// /metrics and the web page — over read-only connections to the state store, plus the two writes
// a person may need in a hurry: POST /api/stop (the emergency stop) and POST /api/resume.
// It never trades: the loop notices the halt flag within one tick and does the stopping.
#include "dashboard/live_snapshot.hpp"
#include "dashboard/server_settings.hpp"
#include "dashboard/status_views.hpp"

#include <functional>
#include <memory>
#include <string>

namespace crew::dashboard {

// Where the server reads the wall clock: the caller's engine::RealClock (the one seam that reads
// the system time), or a fixed time in tests.
using WallClock = std::function<core::UtcTime()>;

class DashboardServer {
public:
  // Checks the settings (validate()), migrates or creates the state file once if it is missing or
  // old, and opens the read-only connections.
  static core::Result<std::unique_ptr<DashboardServer>>
  create(ServerSettings settings, WallClock wall_clock, LiveSource live = {});
  ~DashboardServer();
  DashboardServer(const DashboardServer&) = delete;
  DashboardServer& operator=(const DashboardServer&) = delete;

  // Binds the listening socket; returns the port (the chosen one when settings asked for 0).
  core::Result<int> bind();
  // Serves until stop() (blocks); false when serving failed.
  bool listen();
  // Stops listen() from another thread; safe to call at any time, more than once.
  void stop();
  bool running() const;

private:
  struct Impl;
  explicit DashboardServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// A dashboard serving on its own thread; destroying it stops the server and joins the thread.
class BackgroundServer {
public:
  BackgroundServer(std::unique_ptr<DashboardServer> server, int port, std::string host);
  ~BackgroundServer();
  BackgroundServer(const BackgroundServer&) = delete;
  BackgroundServer& operator=(const BackgroundServer&) = delete;

  int port() const { return m_port; }
  // http://HOST:PORT/
  std::string url() const;

private:
  struct Thread;
  std::unique_ptr<DashboardServer> m_server;
  int m_port;
  std::string m_host;
  std::unique_ptr<Thread> m_thread;
};

// Creates, binds and starts a dashboard on a thread of its own (what `crew autonomous --http`
// calls). `live` reports the running loop's snapshot; it may be empty.
core::Result<std::unique_ptr<BackgroundServer>>
start_background(ServerSettings settings, WallClock wall_clock, LiveSource live = {});

// What GET /health would answer from the state store alone, without serving (`crew serve
// --check`, which the shipped health check asks when /health does not answer): healthy when the
// store's last heartbeat is within the stale limit of `wall_now`. Opens the store read-only; a
// missing store is an error; a simulated session is never healthy.
core::Result<Health> check_health(const ServerSettings& settings, core::UtcTime wall_now);

} // namespace crew::dashboard
