#pragma once
// AlertSink: where an alert goes — the log, a webhook, e-mail. A sink only delivers; the
// AlertMonitor decides what to send and when, and retries a failed delivery on a later tick, so
// deliver() must not retry by itself nor throw.
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
