// The request gate. Order matters: auth before rate limiting (Alpaca does not count requests it
// cannot attribute to an account), faults last, so an injected 500 still carries rate headers.
// A dropped connection is a response whose content provider fails: httplib has sent the headers
// and closes the socket, so the client sees a truncated transfer. Malformed JSON is applied after
// the route ran, by cutting its body in half.
#include "fake_server.hpp"

#include <iostream>
#include <thread>

namespace crew::fake_alpaca {
namespace {

constexpr const char* k_malformed_marker = "X-Fake-Malformed";
constexpr const char* k_slow_marker = "X-Fake-Slow";

std::string request_line(const httplib::Request& req) {
  std::string line = req.method + " " + req.path;
  char separator = '?';
  for (const auto& [key, value] : req.params) {
    line += separator + key + "=" + value;
    separator = '&';
  }
  return line;
}

} // namespace

core::UtcTime system_now() {
  return core::UtcTime::from_ns(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count());
}

FakeServer::FakeServer(ServerOptions options, BarSource source)
    : m_options(std::move(options)),
      m_source(std::move(source)), m_context{m_source, [this] { return m_clock.now(); }},
      m_clock(m_options.clock_start, m_options.clock_speed),
      m_book(m_options.state_file,
             core::parse_decimal(m_options.starting_cash).ok()
                 ? *core::parse_decimal(m_options.starting_cash)
                 : core::Decimal::from_int(100'000),
             m_options.crypto_fee_rate),
      m_trading(m_source, m_clock, m_book), m_faults(m_options.faults),
      m_window(m_options.rate_limit) {
  m_server.set_pre_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { return gate(req, res); });
  m_server.set_post_routing_handler(
      [this](const httplib::Request& req, httplib::Response& res) { garble(req, res); });
  m_server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    std::cerr << "fake_alpaca: " << request_line(req) << " -> " << res.status << '\n';
  });
  add_market_data_routes(m_server, m_context);
  add_reference_routes(m_server, m_context);
  m_trading.add(m_server);
}

bool FakeServer::load_state() {
  if (auto loaded = m_book.load(); !loaded) {
    std::cerr << "fake_alpaca: " << loaded.error().message() << '\n';
    return false;
  }
  return true;
}

std::optional<int> FakeServer::bind() {
  if (m_options.port == 0) {
    const int port = m_server.bind_to_any_port(m_options.host);
    return port > 0 ? std::optional<int>(port) : std::nullopt;
  }
  return m_server.bind_to_port(m_options.host, m_options.port) ? std::optional(m_options.port)
                                                               : std::nullopt;
}

bool FakeServer::listen() {
  return m_server.listen_after_bind();
}

void FakeServer::stop() {
  m_server.stop();
}

httplib::Server::HandlerResponse FakeServer::gate(const httplib::Request& req,
                                                  httplib::Response& res) {
  using Handled = httplib::Server::HandlerResponse;
  const std::string key = req.get_header_value("APCA-API-KEY-ID");
  const std::string secret = req.get_header_value("APCA-API-SECRET-KEY");
  const bool authorised = m_options.keys
                              ? key == m_options.keys->first && secret == m_options.keys->second
                              : !key.empty() && !secret.empty();
  if (!authorised) {
    send_error(res, 401, 40110000, "access key verification failed : verification failure");
    return Handled::Handled;
  }
  const core::UtcTime now = system_now();
  const Admission admission = m_window.admit(now);
  res.set_header("X-RateLimit-Limit", std::to_string(admission.limit));
  res.set_header("X-RateLimit-Remaining", std::to_string(admission.remaining));
  res.set_header("X-RateLimit-Reset", std::to_string(admission.reset_epoch_seconds));
  if (!admission.admitted) {
    // Told apart from injected 429s in the log: tests check a client never exceeds the window.
    std::cerr << "fake_alpaca: rate window full: " << request_line(req) << '\n';
    send_error(res, 429, 42910000, "rate limit exceeded");
    return Handled::Handled;
  }
  if (m_options.delay.count() > 0) {
    std::this_thread::sleep_for(m_options.delay);
  }
  switch (m_faults.next()) {
  case Fault::none:
    return Handled::Unhandled;
  case Fault::server_error:
    send_error(res, 500, 50010000, "internal server error");
    return Handled::Handled;
  case Fault::unavailable:
    res.status = 503;
    res.set_content("<html><body>503 Service Temporarily Unavailable</body></html>", "text/html");
    return Handled::Handled;
  case Fault::rate_limited:
    // An injected 429 whose window resets within a second, so clients are not held up long.
    res.headers.erase("X-RateLimit-Reset");
    res.set_header("X-RateLimit-Reset", std::to_string(now.seconds() + 1));
    send_error(res, 429, 42910000, "rate limit exceeded");
    return Handled::Handled;
  case Fault::drop:
    res.status = 200;
    res.set_content_provider(1024, "application/json",
                             [](std::size_t, std::size_t, httplib::DataSink&) { return false; });
    return Handled::Handled;
  case Fault::malformed:
    res.set_header(k_malformed_marker, "1");
    return Handled::Unhandled;
  case Fault::slow:
    // Handled now (an order is placed), answered late: the client has given up by then and
    // must find out what happened without sending it twice.
    res.set_header(k_slow_marker, "1");
    return Handled::Unhandled;
  }
  return Handled::Unhandled;
}

void FakeServer::garble(const httplib::Request& req, httplib::Response& res) {
  if (res.has_header(k_slow_marker)) {
    res.headers.erase(k_slow_marker);
    std::cerr << "fake_alpaca: slow answer (" << m_options.faults.slow_ms
              << " ms): " << request_line(req) << '\n';
    std::this_thread::sleep_for(std::chrono::milliseconds{m_options.faults.slow_ms});
  }
  if (!res.has_header(k_malformed_marker)) {
    return;
  }
  res.headers.erase(k_malformed_marker);
  if (res.status != 200 || res.body.size() < 2) {
    return;
  }
  res.body.resize(res.body.size() / 2);
  res.headers.erase("Content-Length");
  res.set_header("Content-Length", std::to_string(res.body.size()));
}

} // namespace crew::fake_alpaca
