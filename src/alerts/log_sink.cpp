#include "alerts/log_sink.hpp"

#include <spdlog/spdlog.h>

namespace crew::alerts {

core::Status LogSink::deliver(const Alert& alert) {
  const auto line = subject(alert);
  if (alert.resolved) {
    spdlog::info("alert: {}", line);
  } else if (alert.severity == Severity::critical) {
    spdlog::error("alert: {}", line);
  } else {
    spdlog::warn("alert: {}", line);
  }
  return {};
}

} // namespace crew::alerts
