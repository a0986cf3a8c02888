#pragma once
// HttpUrl: an absolute http:// or https:// URL taken apart the way libcurl takes it apart, so that
// a decision made on its host (the paper/live guard, loopback or not) is a decision about where
// the request really goes. The parser is strict: whatever could be read two ways (two '@', a
// backslash, a non-ASCII or escaped-away host character, a zone index) is refused, not guessed.
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace crew::core {

struct HttpUrl {
  std::string scheme;        // "http" or "https", lower case (the scheme is case-insensitive)
  bool has_userinfo = false; // "user@" or "user:password@" before the host
  // Lower case, percent-decoded (libcurl decodes %61 to 'a' before resolving), without the one
  // trailing dot DNS ignores; an IPv6 literal without its brackets.
  std::string host;
  bool ipv6_literal = false;
  int port = 0;     // the explicit port, else 443 for https and 80 for http
  std::string path; // everything after the authority (path, query, fragment), as written
};

// `text` parsed, or an Error whose `what` says what the URL must be (no `where`: the caller names
// the key or variable).
Result<HttpUrl> parse_http_url(std::string_view text);

// nullptr when `text` can be the base URL of a REST API the program appends paths to (the Alpaca
// trading and data URLs): an http(s) URL without a user name or password (they would reach logs
// and `crew config`), a query or a fragment (an appended path would land in them). Otherwise what
// it must be.
const char* base_url_problem(std::string_view text);

} // namespace crew::core
