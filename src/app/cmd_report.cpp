// crew report [--period day|week|month] [--from T] [--to T] [--html OUT] [--json]: the review of
// a period from the state store (src/report): trades per market and per strategy, win rate,
// profit factor, drawdown, best and worst trades, API use and uptime. The period ends now (the
// last heartbeat when the last session was simulated, as `crew status` does) unless --to says
// otherwise; --from/--to take a date (whole days) or an RFC 3339 instant.
#include "app/cli_checks.hpp"
#include "app/commands.hpp"
#include "app/context.hpp"
#include "app/time_range.hpp"
#include "engine/clock.hpp"
#include "report/review.hpp"
#include "report/review_html.hpp"
#include "report/review_text.hpp"
#include "state/state_store.hpp"

#include <iostream>

namespace crew::app {
namespace {

struct ReportOptions {
  std::string period = "week";
  std::string from;
  std::string to;
  std::string html;
  bool json = false;
};

// Real time, or just after the last heartbeat when the last session was a simulation.
core::Result<core::UtcTime> report_now(state::StateStore& store) {
  auto mode = store.setting("session.mode");
  auto last = store.last_heartbeat();
  if (!mode || !last) {
    return !mode ? mode.error() : last.error();
  }
  if (mode->has_value() && **mode == "sim" && last->has_value()) {
    return **last + std::chrono::seconds{1};
  }
  return engine::RealClock{}.now();
}

core::Result<TimeRange> report_range(const ReportOptions& options, core::UtcTime now) {
  auto kind = report::parse_period(options.period);
  if (!kind) {
    return kind.error();
  }
  TimeRange range{report::period_start(*kind, now), now};
  if (!options.to.empty()) {
    auto end = parse_range_end(options.to);
    if (!end) {
      return core::Error{end.error().what, "--to"};
    }
    range.end = *end;
    range.start = report::period_start(*kind, *end);
  }
  if (!options.from.empty()) {
    auto start = parse_range_start(options.from);
    if (!start) {
      return core::Error{start.error().what, "--from"};
    }
    range.start = *start;
  }
  if (!(range.start < range.end)) {
    return core::Error{"impossible period: the end is not after the start", "--from/--to"};
  }
  return range;
}

int run_report(const GlobalOptions& global, const ReportOptions& options) {
  if (auto kind = report::parse_period(options.period); !kind) {
    return fail(k_exit_bad_input, kind.error().message());
  }
  auto context = load_context(global, ContextOptions{.read_only = true});
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  auto store = open_state_read_only(*context);
  if (!store) {
    return fail(exit_code_for(store.error(), k_exit_failure), store.error().message());
  }
  auto now = report_now(*store);
  if (!now) {
    return fail(k_exit_failure, now.error().message());
  }
  auto range = report_range(options, *now);
  if (!range) {
    return fail(k_exit_bad_input, range.error().message());
  }
  report::ReviewRequest request;
  request.from = range->start;
  request.to = range->end;
  request.requests_per_minute = context->config.alpaca.requests_per_minute;
  request.tick = std::chrono::seconds{context->config.scheduler.tick_seconds};
  request.fallback_equity = context->config.backtest.initial_equity;
  auto review = report::build_review(*store, request);
  if (!review) {
    return fail(k_exit_failure, review.error().message());
  }
  if (!options.html.empty()) {
    if (auto written = report::write_html(report::render_html(*review), options.html); !written) {
      return fail(k_exit_failure, written.error().message());
    }
    std::cerr << "crew: HTML report written to " << options.html << '\n';
  }
  std::cout << (options.json ? report::to_json(*review) : report::render_text(*review));
  return k_exit_ok;
}

} // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand(
      "report", "Review a period: trades per market and strategy, drawdown, API use, uptime");
  cmd->add_option("--period", options->period, "day, week (default) or month, ending now")
      ->type_name("P");
  cmd->add_option("--from,--start", options->from, "Start: YYYY-MM-DD or an RFC 3339 time")
      ->type_name("T");
  cmd->add_option("--to,--end", options->to, "End (included): YYYY-MM-DD or RFC 3339")
      ->type_name("T");
  cmd->add_option("--html", options->html, "Also write an HTML page with charts to this file")
      ->type_name("OUT");
  cmd->add_flag("--json", options->json, "Print JSON instead of the text table");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_report(global, *options); };
  });
}

} // namespace crew::app
