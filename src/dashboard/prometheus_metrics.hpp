#pragma once
// /metrics: the loop's vital numbers in Prometheus' text exposition format (version 0.0.4):
// equity, positions, trades, orders by status, API calls, the halt flag, the age of the last
// loop tick and alerts. Counters end in _total; every family has HELP and TYPE lines.
#include "dashboard/view_context.hpp"

#include <string>
#include <string_view>

namespace crew::dashboard {

core::Result<std::string> prometheus_metrics(ViewContext& context);

// A label value with \, " and newline escaped as the format requires.
std::string escape_label_value(std::string_view value);

} // namespace crew::dashboard
