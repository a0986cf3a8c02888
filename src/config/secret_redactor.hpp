#pragma once
// SecretRedactor: removes registered secret strings (the Alpaca keys) from any text, so a secret
// that slips into a message never reaches a log line. It knows only the exact strings it is
// given; it does not guess what else might be secret.
#include <string>
#include <string_view>
#include <vector>

namespace crew::config {

class SecretRedactor {
public:
  // Shorter strings are ignored: scrubbing them would mangle ordinary words and protect nothing.
  static constexpr std::size_t k_min_secret_length = 4;
  static constexpr std::string_view k_replacement = "[REDACTED]";

  // Registers a secret value (e.g. APCA_API_SECRET_KEY's); empty or short values are ignored.
  void add(std::string_view secret);
  // `text` with every occurrence of a registered secret replaced by k_replacement.
  std::string scrub(std::string_view text) const;
  bool empty() const { return m_secrets.empty(); }

private:
  std::vector<std::string> m_secrets; // longest first, so a secret containing another goes whole
};

// A URL whose path or user name is its secret (a Slack or Discord webhook) shown without them:
// the scheme, host and port stay, a user name or password becomes "REDACTED@" and a path other
// than "/" becomes "/REDACTED" (so the result is still a URL the configuration accepts). Text that
// is not an http(s) URL comes back as "REDACTED".
std::string redact_url(std::string_view url);

} // namespace crew::config
