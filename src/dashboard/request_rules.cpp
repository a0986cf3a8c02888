#include "dashboard/request_rules.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace crew::dashboard {
namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

// HOST:PORT, with an IPv6 address in brackets.
std::string with_port(std::string_view host, int port) {
  const bool v6 = host.find(':') != std::string_view::npos;
  return lowered(v6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" +
         std::to_string(port);
}

std::size_t count(const HeaderMap& headers, const char* name) {
  return headers.count(name);
}

std::string_view value(const HeaderMap& headers, const char* name) {
  const auto it = headers.find(name);
  return it == headers.end() ? std::string_view() : std::string_view(it->second);
}

// A Content-Length of 1 to 18 digits; nullopt for anything else.
std::optional<std::size_t> byte_count(std::string_view text) {
  if (text.empty() || text.size() > 18) {
    return std::nullopt;
  }
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    return std::nullopt;
  }
  return n;
}

// application/json, optionally with "; charset=utf-8" (any case, spaces around ';' and '=').
bool is_json_media_type(std::string_view type) {
  const auto semicolon = type.find(';');
  auto trim = [](std::string_view t) {
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) {
      t.remove_prefix(1);
    }
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) {
      t.remove_suffix(1);
    }
    return t;
  };
  if (!equal_ignoring_case(trim(type.substr(0, semicolon)), "application/json")) {
    return false;
  }
  if (semicolon == std::string_view::npos) {
    return true;
  }
  const auto parameter = type.substr(semicolon + 1);
  const auto equals = parameter.find('=');
  return equals != std::string_view::npos &&
         equal_ignoring_case(trim(parameter.substr(0, equals)), "charset") &&
         equal_ignoring_case(trim(parameter.substr(equals + 1)), "utf-8");
}

} // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

AccessPolicy make_access_policy(const ServerSettings& settings, int port) {
  AccessPolicy policy;
  policy.port = port;
  policy.loopback = is_loopback_host(settings.listen.host);
  policy.token = settings.token;
  policy.body_bytes = settings.limits.body_bytes;
  policy.hosts.push_back(with_port(settings.listen.host, port));
  if (policy.loopback) {
    for (const char* name : {"localhost", "127.0.0.1", "::1"}) {
      policy.hosts.push_back(with_port(name, port));
    }
  }
  auto names = config::parse_host_list(settings.config.dashboard.allowed_hosts);
  if (!names) { // validate() refuses such settings
    return policy;
  }
  for (auto& name : *names) {
    const bool has_port =
        name.find(':', name.starts_with('[') ? name.find(']') : 0) != std::string::npos;
    if (!has_port) {
      policy.hosts.push_back(name + ":" + std::to_string(port));
    }
    policy.hosts.push_back(std::move(name));
  }
  if (port == 80) { // a browser leaves the default port out
    const auto count = policy.hosts.size();
    for (std::size_t i = 0; i < count; ++i) {
      if (policy.hosts[i].ends_with(":80")) {
        policy.hosts.push_back(policy.hosts[i].substr(0, policy.hosts[i].size() - 3));
      }
    }
  }
  return policy;
}

bool host_allowed(std::string_view host, const AccessPolicy& policy,
                  std::string_view local_address) {
  const auto given = lowered(host);
  if (std::find(policy.hosts.begin(), policy.hosts.end(), given) != policy.hosts.end()) {
    return true;
  }
  // The address the client connected to, as a literal: a rebound name is never a literal.
  std::string_view local = local_address;
  if (local.starts_with("::ffff:") && local.find('.') != std::string_view::npos) {
    local.remove_prefix(7); // an IPv4 client of a dual-stack socket
  }
  return !local.empty() && given == with_port(local, policy.port);
}

std::optional<Refusal> screen_request(const RequestHead& request, const AccessPolicy& policy) {
  const auto& headers = request.headers;
  const auto host = value(headers, "Host");
  if (count(headers, "Host") != 1 || !host_allowed(host, policy, request.local_address)) {
    return Refusal{421, "Host '" + std::string(host) +
                            "' is not a name of this dashboard (it answers " +
                            policy.hosts.front() + "; others go in [dashboard] allowed_hosts)"};
  }
  const bool post = request.method == "POST";
  if (!post && request.method != "GET" && request.method != "HEAD") {
    return Refusal{405, "method " + request.method + " is not served"};
  }
  for (const char* name : {"Authorization", "Content-Length", "Content-Type", "Origin", "Range",
                           "Transfer-Encoding", "Sec-Fetch-Site"}) {
    if (count(headers, name) > 1) {
      return Refusal{400, std::string("more than one ") + name + " header"};
    }
  }
  const auto authorization = value(headers, "Authorization");
  if (post) {
    if (policy.token.empty()) {
      return Refusal{403, "this dashboard has no token, so it changes nothing (see the log)"};
    }
    if (!token_accepted(policy.token, authorization, "")) {
      return Refusal{401, "a POST needs Authorization: Bearer <the dashboard token>", true};
    }
  } else if (!policy.loopback &&
             !token_accepted(policy.token, authorization, request.query_token)) {
    return Refusal{401, "missing or wrong token", true};
  }
  if (count(headers, "Transfer-Encoding") > 0) {
    return Refusal{post ? 411 : 400, "Transfer-Encoding is not accepted: send a Content-Length"};
  }
  std::optional<std::size_t> length;
  if (count(headers, "Content-Length") > 0) {
    length = byte_count(value(headers, "Content-Length"));
    if (!length) {
      return Refusal{400, "Content-Length '" + std::string(value(headers, "Content-Length")) +
                              "' is not a number of bytes"};
    }
  }
  if (!post) {
    if (length.value_or(0) > 0) {
      return Refusal{400, "a " + request.method + " request has no body"};
    }
  } else {
    if (!length) {
      return Refusal{411, "a POST needs a Content-Length"};
    }
    if (*length > policy.body_bytes) {
      return Refusal{413,
                     "POST bodies are at most " + std::to_string(policy.body_bytes) + " bytes"};
    }
    if (!is_json_media_type(value(headers, "Content-Type"))) {
      return Refusal{415, "POST requests must be application/json"};
    }
    const auto origin = value(headers, "Origin");
    const auto site = value(headers, "Sec-Fetch-Site");
    if ((!origin.empty() && !equal_ignoring_case(origin, "http://" + std::string(host))) ||
        (!site.empty() && site != "same-origin" && site != "none")) {
      return Refusal{403, "cross-origin POST refused"};
    }
  }
  if (value(headers, "Range").find(',') != std::string_view::npos) {
    return Refusal{416, "one byte range at most"};
  }
  return std::nullopt;
}

core::Result<nlohmann::json> parse_post_body(std::string_view body,
                                             const std::vector<std::string_view>& keys) {
  if (body.empty()) {
    return nlohmann::json::object();
  }
  // The parser callback sees every key; one object's keys are kept per nesting depth.
  std::vector<std::set<std::string>> seen;
  std::string repeated;
  const auto track = [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (event == Event::object_start) {
      seen.emplace_back();
    } else if (event == Event::object_end && !seen.empty()) {
      seen.pop_back();
    } else if (event == Event::key && !seen.empty() &&
               !seen.back().insert(parsed.get<std::string>()).second && repeated.empty()) {
      repeated = parsed.get<std::string>();
    }
    return true;
  };
  auto parsed = nlohmann::json::parse(body.begin(), body.end(), track, false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    return core::Error{"the body must be one JSON object", "body"};
  }
  if (!repeated.empty()) {
    return core::Error{"the key '" + repeated + "' is given twice", "body"};
  }
  for (const auto& [key, _] : parsed.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return core::Error{"unknown key '" + key + "'", "body"};
    }
  }
  return parsed;
}

} // namespace crew::dashboard
