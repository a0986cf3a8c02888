#pragma once
// SmtpSink: alerts as e-mail, sent with libcurl's SMTP client (the one file besides
// alpaca/curl_transport.cpp allowed to call curl_, see scripts/check-seams.sh). smtps:// speaks
// TLS from the start; smtp:// upgrades with STARTTLS when the server offers it, and insists on it
// when a login is configured, so a password never crosses the network in clear text.
#include "alerts/alert_sink.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace crew::alerts {

struct SmtpSettings {
  std::string url;             // smtp://host:587 or smtps://host:465
  std::string from;            // one address
  std::vector<std::string> to; // at least one address
  std::string user;            // empty: no login
  std::string password;        // from CREW_SMTP_PASSWORD; never logged
  std::chrono::milliseconds timeout{10'000};
};

// Splits [alerts] smtp_to ("a@x.org, b@y.org") into addresses.
std::vector<std::string> split_addresses(std::string_view text);

// The message as sent: RFC 5322 headers (Date from the alert's time, From, To, Subject,
// Message-ID, MIME text/plain UTF-8), a blank line and the body, every line ending in CRLF.
std::string format_mail(const Alert& alert, const std::string& from,
                        const std::vector<std::string>& to);

class SmtpSink final : public AlertSink {
public:
  explicit SmtpSink(SmtpSettings settings);

  std::string_view name() const override { return "email"; }
  core::Status deliver(const Alert& alert) override;

private:
  SmtpSettings m_settings;
};

} // namespace crew::alerts
