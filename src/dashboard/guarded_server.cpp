#include "dashboard/guarded_server.hpp"

#include <array>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <mutex>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace crew::dashboard {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// How often a connection waiting on its client looks at the server (stopping, queue).
constexpr milliseconds k_wait_slice{25};

// When the connection a worker is serving was accepted (set by the pool before each job).
thread_local Clock::time_point t_accepted_at;
// Set while the pool runs a job on the accepting thread to turn it away (the backlog is full).
thread_local bool t_turn_away = false;

// The worker threads: a fixed number, a count of the connections waiting for one, and at most
// `backlog` of those: a connection beyond is turned away at once on the accepting thread (its
// job answers 503 and closes without waiting), so that a crowd cannot take every descriptor of
// the process, which the trading loop needs too.
class WorkerPool : public httplib::TaskQueue {
public:
  WorkerPool(std::size_t workers, std::size_t backlog, std::atomic<int>& queued)
      : m_queued(queued), m_backlog(backlog) {
    for (std::size_t i = 0; i < workers; ++i) {
      m_threads.emplace_back([this] { work(); });
    }
  }
  ~WorkerPool() override = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void enqueue(std::function<void()> fn) override {
    {
      std::unique_lock lock(m_mutex);
      if (m_jobs.size() >= m_backlog) {
        lock.unlock();
        t_turn_away = true;
        fn();
        t_turn_away = false;
        return;
      }
      m_jobs.push_back(Job{std::move(fn), Clock::now()});
      ++m_queued;
    }
    m_wake.notify_one();
  }

  void shutdown() override {
    {
      const std::lock_guard lock(m_mutex);
      m_shutdown = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads) {
      t.join();
    }
  }

private:
  struct Job {
    std::function<void()> run;
    Clock::time_point accepted_at;
  };

  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [this] { return m_shutdown || !m_jobs.empty(); });
        if (m_jobs.empty()) {
          return;
        }
        job = std::move(m_jobs.front());
        m_jobs.pop_front();
        --m_queued;
      }
      t_accepted_at = job.accepted_at;
      job.run();
    }
  }

  std::atomic<int>& m_queued;
  std::size_t m_backlog;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<Job> m_jobs;
  std::vector<std::thread> m_threads;
  bool m_shutdown = false;
};

void numeric_address(const sockaddr_storage& addr, socklen_t len, std::string& ip, int& port) {
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> service{};
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host.data(),
                  static_cast<socklen_t>(host.size()), service.data(),
                  static_cast<socklen_t>(service.size()), NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
    ip = host.data();
    port = std::atoi(service.data());
  }
}

// One client connection as the httplib::Stream that process_request() reads and writes, with the
// limits of GuardedServer: bytes and time per request, and the wait for the client cut short
// while other connections queue.
class ClientStream : public httplib::Stream {
public:
  ClientStream(socket_t sock, const GuardedServer& server, Clock::time_point accepted_at)
      : m_sock(sock), m_server(server), m_waiting_since(accepted_at) {}

  // Waits for the first byte of the next request (limits.idle); false when none came, the
  // client closed, or the server is stopping or busy. The first request's wait began when the
  // connection was accepted.
  bool wait_for_request(bool first) {
    if (!first) {
      m_waiting_since = Clock::now();
    }
    return m_begin < m_end || wait_readable(m_waiting_since + m_server.limits().idle);
  }

  // Starts the budget of a new request, whose first byte has come: the rest must arrive by
  // limits.request from now, and the answer be taken by the client within limits.write after
  // that. While connections queue, the request must be complete within limits.busy_grace of its
  // first byte, or for the first request of a connection of its acceptance (a client sends its
  // first request at once; a crowd that queued and trickled is closed when a worker sees it).
  void begin_request(bool first) {
    if (!first) {
      m_waiting_since = Clock::now();
    }
    m_deadline = Clock::now() + m_server.limits().request;
    m_write_deadline = m_deadline + m_server.limits().write;
    m_header_bytes = 0;
    m_in_headers = true;
    m_tail = 0;
    m_body_bytes = 0;
    m_overflow = false;
    m_wrote = false;
  }

  // The request line and headers went past limits.header_bytes; end_overflow() lets the answer
  // that says so through.
  bool header_overflow() const { return m_overflow; }
  void end_overflow() { m_overflow = false; }
  bool wrote() const { return m_wrote; }
  bool failed() const { return m_failed; }

  bool is_readable() const override { return m_begin < m_end || wait_readable(m_deadline); }

  bool is_writable() const override {
    const auto left = std::chrono::ceil<milliseconds>(m_write_deadline - Clock::now());
    pollfd p{m_sock, POLLOUT, 0};
    return left.count() > 0 && ::poll(&p, 1, static_cast<int>(left.count())) == 1 &&
           (p.revents & (POLLERR | POLLHUP | POLLNVAL)) == 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (m_begin == m_end && !fill()) {
      return -1;
    }
    auto n = std::min(size, m_end - m_begin);
    if (m_in_headers) {
      n = take_header_bytes(n);
      if (n == 0) {
        return -1;
      }
    } else {
      const auto cap = m_server.limits().body_bytes;
      if (m_body_bytes + n > cap) {
        m_failed = true; // the screen let through no body this large: refuse to read it
        return -1;
      }
      m_body_bytes += n;
    }
    std::copy_n(m_buffer.data() + m_begin, n, ptr);
    m_begin += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (m_overflow) {
      return static_cast<ssize_t>(size); // httplib's 400 for the cut headers: ours (431) follows
    }
    size_t done = 0;
    while (done < size) {
      if (!is_writable()) {
        m_failed = true;
        return -1;
      }
      const auto n = ::send(m_sock, ptr + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
        continue;
      }
      if (n <= 0) {
        m_failed = true;
        return -1;
      }
      done += static_cast<size_t>(n);
    }
    m_wrote = true;
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(m_sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      numeric_address(addr, len, ip, port);
    }
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(m_sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
      numeric_address(addr, len, ip, port);
    }
  }

  socket_t socket() const override { return m_sock; }

  // Ends the connection so that the client reads the last answer: stop sending, read and drop
  // what the client still sends for a moment (a bounded amount), then close. Closing with
  // unread bytes would reset the connection and could discard the answer on the client's side.
  void close_gracefully() {
    ::shutdown(m_sock, SHUT_WR);
    const auto end = Clock::now() + milliseconds{200};
    std::size_t drained = 0;
    while (drained < 256 * 1024 && Clock::now() < end) {
      pollfd p{m_sock, POLLIN, 0};
      if (::poll(&p, 1, 50) != 1) {
        continue;
      }
      const auto n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
      if (n <= 0) {
        break;
      }
      drained += static_cast<std::size_t>(n);
    }
    ::close(m_sock);
  }

private:
  // Hands out at most `n` buffered bytes of the request line and headers, watching for the
  // blank line that ends them; 0 when the headers are too long.
  size_t take_header_bytes(size_t n) {
    const auto cap = m_server.limits().header_bytes;
    for (size_t i = 0; i < n; ++i) {
      if (++m_header_bytes > cap) {
        m_overflow = true;
        return i;
      }
      const char c = m_buffer[m_begin + i];
      // \r\n\r\n: the states count the characters of it seen in a row.
      m_tail = (c == "\r\n\r\n"[m_tail]) ? m_tail + 1 : (c == '\r' ? 1 : 0);
      if (m_tail == 4) {
        m_in_headers = false;
        return i + 1;
      }
    }
    return n;
  }

  // Waits until the client has sent something, or `until`; gives up early when the server stops,
  // or when connections queue for a worker and this one has waited limits.busy_grace (counted
  // from its acceptance for a connection's first request, so a crowd that queued for a worker
  // and sent nothing is closed as soon as a worker looks at it).
  bool wait_readable(Clock::time_point until) const {
    const auto& limits = m_server.limits();
    milliseconds timeout{0}; // what the client already sent counts before any limit
    for (;;) {
      pollfd p{m_sock, POLLIN, 0};
      const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
      if (ready == 1) {
        return true;
      }
      if (ready < 0 && errno != EINTR) {
        return false;
      }
      const auto now = Clock::now();
      if (m_server.stopping() || now >= until ||
          (m_server.queued() > 0 && now - m_waiting_since >= limits.busy_grace)) {
        return false;
      }
      timeout = std::min(std::chrono::ceil<milliseconds>(until - now), k_wait_slice);
    }
  }

  bool fill() {
    if (!wait_readable(m_deadline)) {
      m_failed = true;
      return false;
    }
    const auto n = ::recv(m_sock, m_buffer.data(), m_buffer.size(), 0);
    if (n <= 0) {
      m_failed = true;
      return false;
    }
    m_begin = 0;
    m_end = static_cast<size_t>(n);
    return true;
  }

  socket_t m_sock;
  const GuardedServer& m_server;
  std::array<char, 4096> m_buffer{};
  size_t m_begin = 0;
  size_t m_end = 0;
  Clock::time_point m_waiting_since; // start of the current wait on the client (or request)
  Clock::time_point m_deadline = Clock::now();
  Clock::time_point m_write_deadline = Clock::now();
  size_t m_header_bytes = 0;
  bool m_in_headers = true;
  int m_tail = 0;
  size_t m_body_bytes = 0;
  bool m_overflow = false;
  bool m_wrote = false;
  bool m_failed = false;
};

// A whole answer with a JSON error body, for when httplib does not write it; the connection ends.
std::string closing_answer(std::string_view status, const std::string& message) {
  const auto body = nlohmann::json{{"error", message}}.dump();
  return "HTTP/1.1 " + std::string(status) +
         "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// The refusal of the request being served on this thread (set by the setup callback, answered by
// the pre-routing handler: both run inside process_request on the connection's thread).
thread_local std::optional<Refusal>* t_refusal = nullptr;

} // namespace

GuardedServer::GuardedServer(ConnectionLimits limits, Screen screen, Render render)
    : m_limits(limits), m_screen(std::move(screen)), m_render(std::move(render)) {
  new_task_queue = [this] { return new WorkerPool(m_limits.workers, m_limits.backlog, m_queued); };
  set_payload_max_length(m_limits.body_bytes);
  set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
    if (t_refusal == nullptr || !*t_refusal) {
      return HandlerResponse::Unhandled;
    }
    m_render(res, **t_refusal);
    if ((*t_refusal)->ask_for_token) {
      res.set_header("WWW-Authenticate", "Bearer realm=\"tradingcrew\"");
    }
    res.set_header("Connection", "close");
    return HandlerResponse::Handled;
  });
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  if (t_turn_away) {
    static const auto k_busy = closing_answer("503 Service Unavailable", "too many clients");
    // Never waits: the accepting thread runs this.
    [[maybe_unused]] const auto sent =
        ::send(sock, k_busy.data(), k_busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::close(sock);
    return false;
  }
  ClientStream stream(sock, *this, t_accepted_at);
  bool ok = true;
  for (std::size_t served = 0; served < m_limits.keep_alive_requests; ++served) {
    if (!stream.wait_for_request(served == 0)) {
      break;
    }
    stream.begin_request(served == 0);
    std::optional<Refusal> refusal;
    t_refusal = &refusal;
    bool connection_closed = false;
    const bool last = served + 1 == m_limits.keep_alive_requests;
    ok = process_request(stream, last, connection_closed, [this, &refusal](httplib::Request& req) {
      refusal = m_screen(req);
      if (refusal) {
        req.ranges.clear(); // the refusal is answered once, not once per range
      }
    });
    t_refusal = nullptr;
    if (stream.header_overflow() && !stream.wrote()) {
      const auto answer = closing_answer("431 Request Header Fields Too Large",
                                         "request headers larger than " +
                                             std::to_string(m_limits.header_bytes) + " bytes");
      stream.end_overflow();
      stream.write(answer.data(), answer.size());
      break;
    }
    if (!ok || connection_closed || refusal || stream.failed()) {
      break;
    }
  }
  stream.close_gracefully();
  return ok;
}

} // namespace crew::dashboard
