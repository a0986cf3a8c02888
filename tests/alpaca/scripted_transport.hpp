#pragma once
// ScriptedTransport: an in-memory HttpTransport that answers from a script, in order, and records
// every request it saw. The test double of the transport seam for client, retry and paging tests.
#include "alpaca/http_transport.hpp"

#include <deque>
#include <stdexcept>
#include <vector>

namespace crew::alpaca::test {

class ScriptedTransport final : public HttpTransport {
public:
  void respond(int status, std::string body, HttpHeaders headers = {}) {
    m_script.emplace_back(HttpResponse{status, std::move(headers), std::move(body)});
  }
  void fail(TransportErrorKind kind, std::string detail = "scripted failure") {
    m_script.emplace_back(TransportError{kind, std::move(detail)});
  }
  TransportResult send(const HttpRequest& request) override {
    m_requests.push_back(request);
    if (m_script.empty()) {
      return TransportError{TransportErrorKind::other, "script exhausted"};
    }
    TransportResult next = std::move(m_script.front());
    m_script.pop_front();
    return next;
  }
  const std::vector<HttpRequest>& requests() const { return m_requests; }
  std::size_t remaining() const { return m_script.size(); }

private:
  std::deque<TransportResult> m_script;
  std::vector<HttpRequest> m_requests;
};

// A clock the test moves by hand, and a sleeper that only advances it.
struct FakeTime {
  std::chrono::nanoseconds now{0};
  std::vector<std::chrono::nanoseconds> sleeps;
  MonotonicClock clock() {
    return [this] { return now; };
  }
  Sleeper sleeper() {
    return [this](std::chrono::nanoseconds wait) {
      sleeps.push_back(wait);
      now += wait;
    };
  }
};

} // namespace crew::alpaca::test
