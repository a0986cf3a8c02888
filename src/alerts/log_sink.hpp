#pragma once
// LogSink: alerts as one spdlog line each — warn when raised (error when critical), info when
// resolved. Always present, so an alert reaches at least the log and the console.
#include "alerts/alert_sink.hpp"

namespace crew::alerts {

class LogSink final : public AlertSink {
public:
  std::string_view name() const override { return "log"; }
  core::Status deliver(const Alert& alert) override;
};

} // namespace crew::alerts
