#include "app/alert_sinks.hpp"

#include "alerts/log_sink.hpp"
#include "alerts/smtp_sink.hpp"
#include "alerts/webhook_sink.hpp"
#include "alpaca/curl_transport.hpp"

#include <spdlog/spdlog.h>

namespace crew::app {

std::vector<std::unique_ptr<alerts::AlertSink>> make_alert_sinks(const AppContext& context) {
  const auto& config = context.config.alerts;
  std::vector<std::unique_ptr<alerts::AlertSink>> sinks;
  sinks.push_back(std::make_unique<alerts::LogSink>());
  if (!config.webhook_url.empty()) {
    sinks.push_back(std::make_unique<alerts::WebhookSink>(
        config.webhook_url, std::make_unique<alpaca::CurlTransport>()));
  }
  if (!config.smtp_url.empty()) {
    alerts::SmtpSettings smtp;
    smtp.url = config.smtp_url;
    smtp.from = config.smtp_from;
    smtp.to = alerts::split_addresses(config.smtp_to);
    smtp.user = config.smtp_user;
    smtp.password = context.smtp_password;
    if (!smtp.user.empty() && smtp.password.empty()) {
      spdlog::warn("[alerts] smtp_user is set but CREW_SMTP_PASSWORD is not: the login will fail");
    }
    sinks.push_back(std::make_unique<alerts::SmtpSink>(std::move(smtp)));
  }
  return sinks;
}

} // namespace crew::app
