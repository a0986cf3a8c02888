#include "alerts/webhook_sink.hpp"

#include <nlohmann/json.hpp>

namespace crew::alerts {
namespace {

// Discord refuses content over 2000 characters; Slack truncates long text itself.
constexpr std::size_t k_max_text = 1900;

std::string cut(std::string text) {
  if (text.size() <= k_max_text) {
    return text;
  }
  std::size_t end = k_max_text;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
    --end; // never split a UTF-8 sequence
  }
  text.resize(end);
  return text + "...";
}

} // namespace

std::string webhook_body(const Alert& alert) {
  const auto text = cut(subject(alert) + "\n" + body(alert));
  const nlohmann::json json = {{"text", text}, {"content", text}, {"username", "crew"}};
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

WebhookSink::WebhookSink(std::string url, std::unique_ptr<alpaca::HttpTransport> transport,
                         std::chrono::milliseconds timeout)
    : m_url(std::move(url)), m_transport(std::move(transport)), m_timeout(timeout) {}

core::Status WebhookSink::deliver(const Alert& alert) {
  alpaca::HttpRequest request;
  request.method = alpaca::HttpMethod::post;
  request.url = m_url;
  request.headers = {{"Content-Type", "application/json"}};
  request.body = webhook_body(alert);
  request.timeout = m_timeout;
  const auto result = m_transport->send(request);
  if (const auto* error = std::get_if<alpaca::TransportError>(&result)) {
    return core::Error{"webhook not reached: " + std::string(alpaca::to_string(error->kind)),
                       "alerts.webhook_url"};
  }
  const auto& response = std::get<alpaca::HttpResponse>(result);
  if (response.status < 200 || response.status >= 300) {
    return core::Error{"webhook answered HTTP " + std::to_string(response.status),
                       "alerts.webhook_url"};
  }
  return {};
}

} // namespace crew::alerts
