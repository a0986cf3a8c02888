#pragma once
// FaultInjector: every random decision fake_alpaca makes about a request, from one seeded
// generator, so a run with the same --seed and the same request order fails the same way.
#include <cstdint>
#include <mutex>
#include <random>

namespace crew::fake_alpaca {

struct FaultSettings {
  double fail_rate = 0;      // answered 500, 503 or 429 instead of the real response
  double drop_rate = 0;      // connection closed mid-response
  double malformed_rate = 0; // a 200 whose JSON body is cut short
  double slow_rate = 0;      // served in full, but only after slow_ms (past a client's timeout)
  int slow_ms = 15'000;
  std::uint64_t seed = 1;
};

enum class Fault { none, server_error, unavailable, rate_limited, drop, malformed, slow };

class FaultInjector {
public:
  explicit FaultInjector(FaultSettings settings);
  // The fault for the next request (at most one).
  Fault next();

private:
  FaultSettings m_settings;
  std::mt19937_64 m_random;
  std::mutex m_mutex;
};

} // namespace crew::fake_alpaca
