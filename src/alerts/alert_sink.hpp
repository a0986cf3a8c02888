#pragma once
// AlertSink: where an alert goes — the log, a webhook, e-mail. A sink only delivers; the
// AlertMonitor decides what to send and when, and its DeliveryQueue calls deliver() on a thread of
// the sink's own and retries a failure later. So deliver() must bound its own time (the sink's
// timeout: a receiver that never answers costs that long, once per attempt), must not retry by
// itself, and must not throw. One sink's deliver() is never called from two threads at once.
#include "alerts/alert.hpp"
#include "core/result.hpp"

#include <string_view>

namespace crew::alerts {

class AlertSink {
public:
  virtual ~AlertSink() = default;
  // A short stable name ("log", "webhook", "email"): undelivered alerts are kept per sink name.
  virtual std::string_view name() const = 0;
  // Delivers one alert; an error says why not (never containing a secret).
  virtual core::Status deliver(const Alert& alert) = 0;
};

} // namespace crew::alerts
