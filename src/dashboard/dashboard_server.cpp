// Requests pass the rules of request_rules.hpp on their headers before any route or body read
// (GuardedServer applies them): the Host must name this dashboard, a POST must carry the token,
// be small JSON and, when the browser names an Origin, come from this server's own origin; off
// loopback every request needs the token. GuardedServer also bounds what each connection may
// cost (guarded_server.hpp).
#include "dashboard/dashboard_server.hpp"

#include "dashboard/candles_view.hpp"
#include "dashboard/guarded_server.hpp"
#include "dashboard/prometheus_metrics.hpp"
#include "dashboard/record_views.hpp"
#include "dashboard/status_views.hpp"
#include "dashboard/web_assets.hpp"
#include "state/schema.hpp"
#include "state/stop_request.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <charconv>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

namespace crew::dashboard {
namespace {

using nlohmann::json;

constexpr const char* k_vendor_file = "lightweight-charts.standalone.production.js";

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, json{{"error", message}});
}

// The count in ?NAME= (fallback when absent), capped at max; an error names a malformed one.
core::Result<std::size_t> count_param(const httplib::Request& req, const char* name,
                                      std::size_t fallback, std::size_t max) {
  if (!req.has_param(name)) {
    return fallback;
  }
  const auto text = req.get_param_value(name);
  std::size_t n = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || ptr != text.data() + text.size() || n == 0) {
    return core::Error{"'" + text + "' is not a positive count", name};
  }
  return std::min(n, max);
}

// Creates or migrates the file once, so that the read-only connections find the latest schema.
core::Status prepare_state_file(const std::filesystem::path& file) {
  if (std::filesystem::exists(file)) {
    auto db = state::Database::open(file, true);
    if (db) {
      if (auto version = state::read_schema_version(*db);
          version && *version == state::latest_schema_version()) {
        return {};
      }
    }
  }
  auto store = state::StateStore::open(file);
  if (!store) {
    return store.error();
  }
  return {};
}

} // namespace

struct DashboardServer::Impl {
  ServerSettings settings;
  LiveSource live;
  WallClock wall_clock;
  std::optional<state::StateStore> store; // read-only
  std::optional<data::BarStore> bars;
  std::mutex vendor_mutex;
  std::optional<std::string> vendor_script;
  AccessPolicy policy; // set by bind(), before the first request
  GuardedServer server{settings.limits, [this](const httplib::Request& req) { return screen(req); },
                       [](httplib::Response& res, const Refusal& refusal) {
                         send_error(res, refusal.status, refusal.message);
                       }};

  explicit Impl(ServerSettings s) : settings(std::move(s)) {}

  ViewContext context() {
    std::optional<LiveSnapshot> snapshot;
    if (live) {
      snapshot = live();
    }
    return make_view_context(*store, settings, wall_clock(), std::move(snapshot));
  }

  std::optional<Refusal> screen(const httplib::Request& req) const {
    RequestHead head{req.method, req.path,
                     req.has_param("token") ? req.get_param_value("token") : std::string(),
                     HeaderMap(req.headers.begin(), req.headers.end()), req.local_addr};
    return screen_request(head, policy);
  }

  // The request's own ?token= when it is the right one, for the page's links to carry on (a
  // browser cannot add a header to them); never the token of a request that did not bring it.
  std::string own_query_token(const httplib::Request& req) const {
    if (settings.token.empty() || !req.has_param("token")) {
      return {};
    }
    const auto given = req.get_param_value("token");
    return token_accepted(settings.token, "", given) ? given : std::string();
  }

  // Runs a JSON view; its error is a 500 naming what failed.
  template <typename View>
  void view(httplib::Response& res, View&& build) {
    auto ctx = context();
    auto body = build(ctx);
    if (!body) {
      spdlog::warn("dashboard: {}", body.error().message());
      send_error(res, 500, body.error().message());
      return;
    }
    send_json(res, 200, *body);
  }

  void stop_or_resume(const httplib::Request& req, httplib::Response& res, bool resume) {
    auto body = parse_post_body(req.body, resume ? std::vector<std::string_view>{}
                                                 : std::vector<std::string_view>{"flatten"});
    if (!body) {
      send_error(res, 400,
                 body.error().what +
                     (resume ? " (send {} or nothing)" : " (send {} or {\"flatten\": true})"));
      return;
    }
    const auto field = body->find("flatten");
    if (field != body->end() && !field->is_boolean()) {
      send_error(res, 400, "flatten must be true or false");
      return;
    }
    const bool flatten = field != body->end() && field->get<bool>();
    auto writer = state::StateStore::open(settings.state_db);
    if (!writer) {
      send_error(res, 500, writer.error().message());
      return;
    }
    const auto at = context().now;
    const auto status = resume ? state::request_resume(*writer, at, "dashboard resume")
                               : state::request_stop(*writer, flatten, at, "dashboard stop");
    if (!status) {
      send_error(res, 500, status.error().message());
      return;
    }
    spdlog::warn("dashboard: {} requested{}", resume ? "resume" : "emergency stop",
                 flatten ? " (flatten)" : "");
    auto halt = writer->halt_state();
    send_json(res, 200,
              json{{"halted", halt && halt->halted},
                   {"reason", halt ? halt->reason : std::string()},
                   {"flatten", flatten},
                   {"at", core::format_rfc3339(at)}});
  }

  void vendor(httplib::Response& res) {
    const std::lock_guard lock(vendor_mutex);
    if (!vendor_script) {
      std::ifstream in(settings.vendor_dir / k_vendor_file, std::ios::binary);
      if (settings.vendor_dir.empty() || !in) {
        send_error(res, 404, "lightweight-charts is not installed (scripts/install-deps.sh)");
        return;
      }
      std::ostringstream text;
      text << in.rdbuf();
      vendor_script = text.str();
    }
    res.set_header("Cache-Control", "max-age=3600");
    res.set_content(*vendor_script, "text/javascript");
  }

  void add_routes();
};

void DashboardServer::Impl::add_routes() {
  // Answers the server gives itself (no route, a malformed request) get a JSON body too.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        send_error(res, res.status,
                   res.status == 404 ? "no such path: " + req.path
                                     : "request refused (" + std::to_string(res.status) + ")");
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        std::string what = "internal error";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        send_error(res, 500, what);
      });
  server.Get("/api/status", [this](const httplib::Request&, httplib::Response& res) {
    view(res, [](ViewContext& c) { return status_view(c); });
  });
  server.Get("/api/markets", [this](const httplib::Request&, httplib::Response& res) {
    view(res, [](ViewContext& c) { return markets_view(c); });
  });
  server.Get("/api/risk", [this](const httplib::Request&, httplib::Response& res) {
    view(res, [](ViewContext& c) { return risk_view(c); });
  });
  server.Get("/api/positions", [this](const httplib::Request&, httplib::Response& res) {
    view(res, [](ViewContext& c) { return positions_view(c); });
  });
  server.Get("/api/trades", [this](const httplib::Request& req, httplib::Response& res) {
    std::optional<core::AssetClass> market;
    if (req.has_param("market")) {
      auto parsed = core::parse_asset_class(req.get_param_value("market"));
      if (!parsed) {
        send_error(res, 400, parsed.error().what + " (market)");
        return;
      }
      market = *parsed;
    }
    const auto limit = count_param(req, "limit", 100, 10'000);
    if (!limit) {
      send_error(res, 400, limit.error().message());
      return;
    }
    view(res, [&](ViewContext& c) { return trades_view(c, *limit, market); });
  });
  server.Get("/api/equity", [this](const httplib::Request& req, httplib::Response& res) {
    const auto points = count_param(req, "points", 1000, 20'000);
    if (!points) {
      send_error(res, 400, points.error().message());
      return;
    }
    view(res, [&](ViewContext& c) { return equity_view(c, *points); });
  });
  server.Get("/api/scan", [this](const httplib::Request&, httplib::Response& res) {
    view(res, [](ViewContext& c) { return scan_view(c); });
  });
  server.Get("/api/alerts", [this](const httplib::Request& req, httplib::Response& res) {
    const auto limit = count_param(req, "limit", 50, 1000);
    if (!limit) {
      send_error(res, 400, limit.error().message());
      return;
    }
    view(res, [&](ViewContext& c) { return alerts_view(c, *limit); });
  });
  server.Get("/api/candles", [this](const httplib::Request& req, httplib::Response& res) {
    auto query = parse_candle_query(req.get_param_value("symbol"), req.get_param_value("timeframe"),
                                    req.get_param_value("limit"), settings.config);
    if (!query) {
      send_error(res, 400, query.error().message());
      return;
    }
    if (!bars) {
      send_error(res, 404, "no bar store at " + settings.bar_store.string());
      return;
    }
    view(res, [&](ViewContext& c) { return candles_view(c, *bars, *query); });
  });
  server.Post("/api/stop", [this](const httplib::Request& req, httplib::Response& res) {
    stop_or_resume(req, res, false);
  });
  server.Post("/api/resume", [this](const httplib::Request& req, httplib::Response& res) {
    stop_or_resume(req, res, true);
  });
  server.Get("/health", [this](const httplib::Request&, httplib::Response& res) {
    auto ctx = context();
    auto health = health_view(ctx);
    if (!health) {
      send_error(res, 503, health.error().message());
      return;
    }
    send_json(res, health->healthy ? 200 : 503, health->body);
  });
  server.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    auto ctx = context();
    auto text = prometheus_metrics(ctx);
    if (!text) {
      send_error(res, 500, text.error().message());
      return;
    }
    res.set_content(*text, "text/plain; version=0.0.4; charset=utf-8");
  });
  server.Get("/vendor/lightweight-charts.js",
             [this](const httplib::Request&, httplib::Response& res) { vendor(res); });
  server.Get(R"(/([a-z_]*\.?[a-z]*))", [this](const httplib::Request& req, httplib::Response& res) {
    const auto asset = find_web_asset(req.path);
    if (!asset) {
      send_error(res, 404, "no such page: " + req.path);
      return;
    }
    // The page's own links carry the token on, as a browser cannot add a header to them.
    std::string content(asset->content);
    const std::string placeholder = "%TOKEN_QUERY%";
    const auto token = own_query_token(req);
    const std::string query = token.empty() ? "" : "?token=" + token;
    for (auto at = content.find(placeholder); at != std::string::npos;
         at = content.find(placeholder, at + query.size())) {
      content.replace(at, placeholder.size(), query);
    }
    res.set_header("Cache-Control", "no-store");
    res.set_content(content, std::string(asset->content_type).c_str());
  });
}

core::Result<std::unique_ptr<DashboardServer>>
DashboardServer::create(ServerSettings settings, WallClock wall_clock, LiveSource live) {
  if (auto valid = validate(settings); !valid) {
    return valid.error();
  }
  if (!wall_clock) {
    return core::Error{"the dashboard needs a wall clock", "DashboardServer::create"};
  }
  if (auto prepared = prepare_state_file(settings.state_db); !prepared) {
    return prepared.error();
  }
  auto store = state::StateStore::open(settings.state_db, state::StoreOptions{.read_only = true});
  if (!store) {
    return store.error();
  }
  std::optional<data::BarStore> bar_store;
  if (!settings.bar_store.empty() && std::filesystem::exists(settings.bar_store)) {
    auto bars = data::BarStore::open(settings.bar_store);
    if (!bars) {
      return bars.error();
    }
    bar_store.emplace(std::move(*bars));
  }
  auto impl = std::make_unique<Impl>(std::move(settings));
  impl->store.emplace(std::move(*store));
  if (bar_store) {
    impl->bars.emplace(std::move(*bar_store));
  }
  impl->live = std::move(live);
  impl->wall_clock = std::move(wall_clock);
  impl->add_routes();
  return std::unique_ptr<DashboardServer>(new DashboardServer(std::move(impl)));
}

DashboardServer::DashboardServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DashboardServer::~DashboardServer() = default;

core::Result<int> DashboardServer::bind() {
  const auto& listen = m_impl->settings.listen;
  const int port = listen.port == 0
                       ? m_impl->server.bind_to_any_port(listen.host)
                       : (m_impl->server.bind_to_port(listen.host, listen.port) ? listen.port : -1);
  if (port < 0) {
    return core::Error{"cannot listen on " + listen.host + ":" + std::to_string(listen.port),
                       "--http"};
  }
  m_impl->policy = make_access_policy(m_impl->settings, port);
  return port;
}

bool DashboardServer::listen() {
  return m_impl->server.listen_after_bind();
}

void DashboardServer::stop() {
  m_impl->server.stop();
}

bool DashboardServer::running() const {
  return m_impl->server.is_running();
}

struct BackgroundServer::Thread {
  std::atomic<bool> done{false};
  std::thread thread;
};

BackgroundServer::BackgroundServer(std::unique_ptr<DashboardServer> server, int port,
                                   std::string host)
    : m_server(std::move(server)), m_port(port), m_host(std::move(host)),
      m_thread(std::make_unique<Thread>()) {
  m_thread->thread = std::thread([this] {
    if (!m_server->listen()) {
      spdlog::error("dashboard: serving on {} failed", url());
    }
    m_thread->done.store(true);
  });
}

BackgroundServer::~BackgroundServer() {
  // stop() only reaches a server that has entered its accept loop, so wait for that first.
  while (!m_thread->done.load() && !m_server->running()) {
    std::this_thread::yield();
  }
  m_server->stop();
  m_thread->thread.join();
}

std::string BackgroundServer::url() const {
  const bool v6 = m_host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + m_host + "]" : m_host) + ":" + std::to_string(m_port) + "/";
}

core::Result<Health> check_health(const ServerSettings& settings, core::UtcTime wall_now) {
  auto store = state::StateStore::open(settings.state_db, state::StoreOptions{.read_only = true});
  if (!store) {
    return store.error();
  }
  auto context = make_view_context(*store, settings, wall_now, std::nullopt);
  return health_view(context);
}

core::Result<std::unique_ptr<BackgroundServer>>
start_background(ServerSettings settings, WallClock wall_clock, LiveSource live) {
  const auto host = settings.listen.host;
  auto server =
      DashboardServer::create(std::move(settings), std::move(wall_clock), std::move(live));
  if (!server) {
    return server.error();
  }
  auto port = (*server)->bind();
  if (!port) {
    return port.error();
  }
  spdlog::info("dashboard listening on http://{}:{}/", host, *port);
  return std::make_unique<BackgroundServer>(std::move(*server), *port, host);
}

} // namespace crew::dashboard
