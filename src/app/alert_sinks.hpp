#pragma once
// The alert sinks of the [alerts] configuration, built in one place for every command that sends
// alerts (`crew autonomous`, `crew alerts --test`): the log always; the webhook over a
// CurlTransport when webhook_url is set; e-mail when smtp_url is set, logging in as smtp_user
// with CREW_SMTP_PASSWORD (read by load_context, never from the file).
#include "alerts/alert_sink.hpp"
#include "app/context.hpp"

#include <memory>
#include <vector>

namespace crew::app {

std::vector<std::unique_ptr<alerts::AlertSink>> make_alert_sinks(const AppContext& context);

} // namespace crew::app
