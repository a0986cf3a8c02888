#pragma once
// WebhookSink: alerts as an HTTP POST of JSON to a Slack or Discord incoming webhook. One body
// suits both: Slack reads "text", Discord reads "content", and each ignores the other's field.
// The request goes through alpaca::HttpTransport (CurlTransport in the program, loopback in the
// tests); the URL, which holds the webhook's secret, never appears in a log line or an error.
#include "alerts/alert_sink.hpp"
#include "alpaca/http_transport.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace crew::alerts {

// The JSON body: {"text": …, "content": …, "username": "crew"}, the text cut to Discord's limit.
std::string webhook_body(const Alert& alert);

class WebhookSink final : public AlertSink {
public:
  WebhookSink(std::string url, std::unique_ptr<alpaca::HttpTransport> transport,
              std::chrono::milliseconds timeout = std::chrono::seconds{5});

  std::string_view name() const override { return "webhook"; }
  // Succeeds on any 2xx answer (Slack 200 "ok", Discord 204).
  core::Status deliver(const Alert& alert) override;

private:
  std::string m_url;
  std::unique_ptr<alpaca::HttpTransport> m_transport;
  std::chrono::milliseconds m_timeout;
};

} // namespace crew::alerts
