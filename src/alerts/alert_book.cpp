#include "alerts/alert_book.hpp"

#include <nlohmann/json.hpp>

namespace crew::alerts {
namespace {

using nlohmann::json;

json time_json(core::UtcTime t) {
  return core::format_rfc3339(t);
}

core::UtcTime time_of(const json& value) {
  auto parsed = core::parse_rfc3339(value.get<std::string>());
  if (!parsed) {
    throw std::invalid_argument("bad time '" + value.get<std::string>() + "'");
  }
  return *parsed;
}

Severity severity_of(const json& value) {
  auto parsed = parse_severity(value.get<std::string>());
  if (!parsed) {
    throw std::invalid_argument(parsed.error().what);
  }
  return *parsed;
}

json alert_json(const Alert& a) {
  json j = {{"key", a.key},
            {"rule", a.rule},
            {"severity", std::string(to_string(a.severity))},
            {"resolved", a.resolved},
            {"since", time_json(a.since)},
            {"time", time_json(a.time)},
            {"message", a.message}};
  if (a.session_time) {
    j["session_time"] = time_json(*a.session_time);
  }
  return j;
}

Alert alert_of(const json& j) {
  Alert a;
  a.key = j.at("key").get<std::string>();
  a.rule = j.at("rule").get<std::string>();
  a.severity = severity_of(j.at("severity"));
  a.resolved = j.at("resolved").get<bool>();
  a.since = time_of(j.at("since"));
  a.time = time_of(j.at("time"));
  a.message = j.at("message").get<std::string>();
  if (const auto session = j.find("session_time");
      session != j.end()) { // optional: older books lack it
    a.session_time = time_of(*session);
  }
  return a;
}

} // namespace

std::string to_json(const AlertBook& book) {
  json open = json::array();
  for (const auto& [key, e] : book.open) {
    json episode = {{"key", e.key},
                    {"rule", e.rule},
                    {"severity", std::string(to_string(e.severity))},
                    {"since", time_json(e.since)},
                    {"message", e.message},
                    {"clear_since", nullptr}};
    if (e.clear_since) {
      episode["clear_since"] = time_json(*e.clear_since);
    }
    open.push_back(std::move(episode));
  }
  json outbox = json::array();
  for (const auto& d : book.outbox) {
    outbox.push_back({{"alert", alert_json(d.alert)},
                      {"pending", d.pending},
                      {"attempts", d.attempts},
                      {"next_attempt", time_json(d.next_attempt)}});
  }
  return json{{"version", 1}, {"open", open}, {"outbox", outbox}}.dump(
      -1, ' ', false, json::error_handler_t::replace);
}

core::Result<AlertBook> parse_alert_book(std::string_view text) {
  try {
    const auto root = json::parse(text);
    AlertBook book;
    for (const auto& e : root.at("open")) {
      Episode episode;
      episode.key = e.at("key").get<std::string>();
      episode.rule = e.at("rule").get<std::string>();
      episode.severity = severity_of(e.at("severity"));
      episode.since = time_of(e.at("since"));
      episode.message = e.at("message").get<std::string>();
      if (!e.at("clear_since").is_null()) {
        episode.clear_since = time_of(e.at("clear_since"));
      }
      book.open[episode.key] = episode;
    }
    for (const auto& d : root.at("outbox")) {
      Delivery delivery;
      delivery.alert = alert_of(d.at("alert"));
      delivery.pending = d.at("pending").get<std::vector<std::string>>();
      delivery.attempts = d.at("attempts").get<int>();
      delivery.next_attempt = time_of(d.at("next_attempt"));
      book.outbox.push_back(std::move(delivery));
    }
    return book;
  } catch (const std::exception& e) {
    return core::Error{std::string("malformed alert book: ") + e.what(), k_alert_book_setting};
  }
}

core::Result<AlertBook> load_alert_book(state::StateStore& store) {
  auto text = store.setting(k_alert_book_setting);
  if (!text) {
    return text.error();
  }
  if (!*text) {
    return AlertBook{};
  }
  return parse_alert_book(**text);
}

core::Status save_alert_book(state::StateStore& store, const AlertBook& book, core::UtcTime at) {
  return store.set_setting(k_alert_book_setting, to_json(book), at);
}

} // namespace crew::alerts
