// crew alerts [--json] [--test]: the open alert episodes and the alerts of the last 7 days from
// the state store; --test sends one test alert to every configured sink ([alerts] in the
// configuration) and says which delivered it, so a webhook or mail set-up can be checked before
// the loop needs it. Exit 1 when a sink failed.
#include "alerts/alert_book.hpp"
#include "app/alert_sinks.hpp"
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "engine/clock.hpp"
#include "state/state_store.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace crew::app {
namespace {

struct AlertsOptions {
  bool json = false;
  bool test = false;
};

int run_test(const AppContext& context, const AlertsOptions& options) {
  const auto now = engine::RealClock{}.now();
  const alerts::Alert alert{"test",
                            "test",
                            alerts::Severity::warning,
                            false,
                            now,
                            now,
                            "test alert from `crew alerts --test` (home " +
                                context.paths.home.string() + ")"};
  nlohmann::json results = nlohmann::json::array();
  bool all_sent = true;
  for (const auto& sink : make_alert_sinks(context)) {
    const auto sent = sink->deliver(alert);
    all_sent = all_sent && sent.ok();
    results.push_back({{"sink", std::string(sink->name())},
                       {"delivered", sent.ok()},
                       {"error", sent.ok() ? "" : sent.error().message()}});
    if (!options.json) {
      std::cout << fmt::format("{:<8} {}\n", sink->name(),
                               sent.ok() ? "delivered" : "FAILED: " + sent.error().message());
    }
  }
  if (options.json) {
    std::cout << results.dump(2) << '\n';
  }
  return all_sent ? k_exit_ok : k_exit_failure;
}

int run_list(const AppContext& context, const AlertsOptions& options) {
  auto store = open_state_read_only(context);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  auto book = alerts::load_alert_book(*store);
  auto last = store->last_event(state::EventKind::alert);
  if (!book || !last) {
    return fail(k_exit_failure, (!book ? book.error() : last.error()).message());
  }
  // The week up to the newest alert, so a simulated session's alerts show as well as live ones.
  std::vector<state::Event> recent;
  if (*last) {
    auto events = store->events((*last)->time - std::chrono::days{7},
                                (*last)->time + core::Duration{1}, state::EventKind::alert);
    if (!events) {
      return fail(k_exit_failure, events.error().message());
    }
    recent = std::move(*events);
  }
  if (options.json) {
    nlohmann::json open = nlohmann::json::array();
    for (const auto& [key, e] : book->open) {
      open.push_back({{"key", key},
                      {"rule", e.rule},
                      {"severity", std::string(alerts::to_string(e.severity))},
                      {"since", core::format_rfc3339(e.since)},
                      {"message", e.message}});
    }
    nlohmann::json events = nlohmann::json::array();
    for (const auto& e : recent) {
      events.push_back({{"time", core::format_rfc3339(e.time)}, {"message", e.message}});
    }
    std::cout << nlohmann::json{{"open", open},
                                {"undelivered", book->outbox.size()},
                                {"recent", events}}
                     .dump(2)
              << '\n';
    return k_exit_ok;
  }
  std::cout << fmt::format("open episodes: {}\n", book->open.size());
  for (const auto& [key, e] : book->open) {
    std::cout << fmt::format("  {} {} since {}: {}\n", alerts::to_string(e.severity), key,
                             core::format_rfc3339(e.since), e.message);
  }
  if (!book->outbox.empty()) {
    std::cout << fmt::format("undelivered alerts: {} (retried by the running loop)\n",
                             book->outbox.size());
  }
  std::cout << fmt::format("alerts in the week up to the last one: {}\n", recent.size());
  for (const auto& e : recent) {
    std::cout << fmt::format("  {} {}\n", core::format_rfc3339(e.time), e.message);
  }
  return k_exit_ok;
}

int run_alerts(const GlobalOptions& global, const AlertsOptions& options) {
  auto context = load_context(global, ContextOptions{.read_only = !options.test});
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  return options.test ? run_test(*context, options) : run_list(*context, options);
}

} // namespace

void add_alerts_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<AlertsOptions>();
  auto* cmd =
      app.add_subcommand("alerts", "Open alert episodes and recent alerts; --test sends one");
  cmd->add_flag("--test", options->test, "Send a test alert to every configured sink");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_alerts(global, *options); };
  });
}

} // namespace crew::app
