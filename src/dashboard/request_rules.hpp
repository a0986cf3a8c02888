#pragma once
// The rules every request must pass before the dashboard routes it, decided on its headers alone
// so that no body is read and no handler runs for a refused request (issue 16):
// 1. Host names this dashboard: the listening address with its port, localhost, 127.0.0.1 and
//    [::1] with the port when bound to loopback, the address the client connected to, or a name
//    of [dashboard] allowed_hosts; else 421. A page whose name the attacker resolves to
//    127.0.0.1 (DNS rebinding) sends its own name, and is refused.
// 2. GET, HEAD and POST only (405); the headers that decide below appear at most once (400).
// 3. A POST carries Authorization: Bearer TOKEN, on every address (401; 403 when the dashboard
//    has no token); off loopback every request needs the token, as the header or ?token=.
// 4. Framing: no Transfer-Encoding; a Content-Length of digits only; a GET has no body (400); a
//    POST has a Content-Length (411) of at most body_bytes (413).
// 5. A POST is application/json exactly (parameters allowed: charset=utf-8), else 415; its
//    Origin, when sent, is http://HOST of this very request, and Sec-Fetch-Site, when sent, is
//    same-origin or none (403).
// 6. One byte range at most (416): many ranges made one small request a huge answer.
// The JSON body of a POST is read by parse_post_body(): an object of known keys, none twice.
#include "core/result.hpp"
#include "dashboard/server_settings.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crew::dashboard {

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using HeaderMap = std::multimap<std::string, std::string, CaseInsensitiveLess>;

// What the rules see of a request.
struct RequestHead {
  std::string method;
  std::string path;
  std::string query_token; // ?token=, empty when absent
  HeaderMap headers;
  std::string local_address; // the address the client connected to (numeric)
};

// The dashboard's answer instead of routing the request.
struct Refusal {
  int status = 400;
  std::string message;
  bool ask_for_token = false; // the answer carries WWW-Authenticate: Bearer
};

// Who may do what, for a server listening on settings.listen at `port` (the bound one).
struct AccessPolicy {
  std::vector<std::string> hosts; // accepted Host values, lower case
  int port = 0;
  bool loopback = true; // reading needs no token
  std::string token;    // empty: nothing may change state
  std::size_t body_bytes = 0;
};

AccessPolicy make_access_policy(const ServerSettings& settings, int port);

// The entries of an allowed_hosts list ("a.example, b.example:8443"), trimmed and lower case;
// an error names a malformed entry.
core::Result<std::vector<std::string>> parse_allowed_hosts(std::string_view list);

bool host_allowed(std::string_view host, const AccessPolicy& policy,
                  std::string_view local_address);

// nullopt: the request may be routed.
std::optional<Refusal> screen_request(const RequestHead& request, const AccessPolicy& policy);

// The body of a POST: empty (an empty object), or a JSON object whose keys are all in `keys`,
// none given twice. The error says what is wrong.
core::Result<nlohmann::json> parse_post_body(std::string_view body,
                                             const std::vector<std::string_view>& keys);

} // namespace crew::dashboard
