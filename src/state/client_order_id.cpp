#include "state/client_order_id.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace crew::state {
namespace {

// FNV-1a, 64 bits: stable across platforms and builds (std::hash is not).
std::uint64_t fnv1a(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (char c : text) {
    hash ^= static_cast<std::uint8_t>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

// Letters and digits of `text`, at most `limit` of them.
std::string alnum(const std::string& text, std::size_t limit) {
  std::string out;
  for (char c : text) {
    if (out.size() == limit) {
      break;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.push_back(c);
    }
  }
  return out;
}

} // namespace

std::string make_client_order_id(const OrderDecision& d) {
  const std::string canonical = d.symbol.str() + "|" + d.strategy + "|" +
                                std::string(core::to_string(d.side)) + "|" +
                                std::to_string(d.bar_time.ns()) + "|" + std::to_string(d.attempt);
  char hash[9];
  std::snprintf(hash, sizeof hash, "%08x", static_cast<unsigned>(fnv1a(canonical) & 0xffffffffULL));
  // 20240103T143000Z → 240103T1430
  const std::string stamp = core::format_rfc3339(d.bar_time, 0);
  std::string when = alnum(stamp.substr(2, 8), 6) + "T" + alnum(stamp.substr(11, 5), 4);
  std::string id = "tc-" + std::string(hash);
  if (const std::string strategy = alnum(d.strategy, 8); !strategy.empty()) {
    id += "-" + strategy;
  }
  id += std::string("-") + (d.side == core::Side::buy ? "b" : "s");
  id += "-" + alnum(d.symbol.str(), 10) + "-" + when;
  if (d.attempt > 0) {
    id += "-a" + std::to_string(d.attempt);
  }
  return id.substr(0, 48);
}

} // namespace crew::state
