#include "config/secret_redactor.hpp"

#include "core/http_url.hpp"

#include <algorithm>

namespace crew::config {

void SecretRedactor::add(std::string_view secret) {
  if (secret.size() < k_min_secret_length ||
      std::find(m_secrets.begin(), m_secrets.end(), secret) != m_secrets.end()) {
    return;
  }
  m_secrets.emplace_back(secret);
  std::stable_sort(m_secrets.begin(), m_secrets.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string SecretRedactor::scrub(std::string_view text) const {
  std::string result(text);
  for (const auto& secret : m_secrets) {
    std::size_t at = 0;
    while ((at = result.find(secret, at)) != std::string::npos) {
      result.replace(at, secret.size(), k_replacement);
      at += k_replacement.size();
    }
  }
  return result;
}

std::string redact_url(std::string_view url) {
  if (url.empty()) {
    return {};
  }
  const auto parsed = core::parse_http_url(url);
  if (!parsed) {
    return "REDACTED";
  }
  std::string text = parsed->scheme + "://" + (parsed->has_userinfo ? "REDACTED@" : "");
  text += parsed->ipv6_literal ? "[" + parsed->host + "]" : parsed->host;
  const bool default_port = parsed->port == (parsed->scheme == "https" ? 443 : 80);
  if (!default_port) {
    text += ":" + std::to_string(parsed->port);
  }
  if (!parsed->path.empty() && parsed->path != "/") {
    text += "/REDACTED";
  }
  return text;
}

} // namespace crew::config
