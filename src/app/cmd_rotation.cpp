// crew rotation [--at TIME] [--json]: the market the 24/7 loop would work at an instant, why, how
// often it scans, and the next transition (design.md section 8; rules in scan/market_rotation).
#include "app/commands.hpp"
#include "app/context.hpp"
#include "calendar/market_calendar.hpp"
#include "scan/market_rotation.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <iostream>

namespace crew::app {
namespace {

struct RotationOptions {
  std::string at;
  bool json = false;
};

std::string minutes_text(core::Duration d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::minutes>(d).count()) + " min";
}

int run_rotation(const GlobalOptions& global, const RotationOptions& options) {
  core::UtcTime at;
  if (options.at.empty()) {
    // The one place the rotation reads the clock: the command's default instant.
    const auto now = std::chrono::system_clock::now(); // seam-ok: default of --at in app
    at = core::UtcTime::from_ns(
        std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count());
  } else {
    const auto parsed = core::parse_rfc3339(options.at);
    if (!parsed) {
      return fail(k_exit_bad_input, parsed.error().what + " (--at '" + options.at + "')");
    }
    at = *parsed;
  }
  const auto context = load_context(global);
  if (!context) {
    return fail(k_exit_bad_input, context.error().message());
  }
  // Trade history per market comes from the state store once it records trades; until then
  // every market is scored neutrally (0.5).
  const scan::PerformanceByMarket performance;
  const scan::MarketRotation rotation(context->config.scheduler,
                                      context->config.scanner.trade_forex);
  const auto decision = rotation.choose(at, performance);
  const auto next = rotation.next_transition(at, performance);
  const auto interval_s =
      std::chrono::duration_cast<std::chrono::seconds>(decision.scan_interval).count();
  if (options.json) {
    const nlohmann::json out = {
        {"at", core::format_rfc3339(at)},
        {"market", core::to_string(decision.market)},
        {"reason", decision.reason},
        {"scan_interval_s", interval_s},
        {"next_transition", core::format_rfc3339(next.time)},
        {"next_transition_kind", scan::to_string(next.kind)},
        {"next_transition_what", next.what},
        {"next_market", core::to_string(next.next_market)},
    };
    std::cout << out.dump(2) << '\n';
    return k_exit_ok;
  }
  std::cout << "at               " << core::format_rfc3339(at) << " ("
            << calendar::format_new_york(at) << " New York)\n"
            << "market           " << core::to_string(decision.market) << '\n'
            << "reason           " << decision.reason << '\n'
            << "scan interval    " << minutes_text(decision.scan_interval) << '\n'
            << "next transition  " << core::format_rfc3339(next.time) << " ("
            << calendar::format_new_york(next.time) << " New York, in "
            << minutes_text(next.time - at) << "): " << scan::to_string(next.kind) << '\n'
            << "at it            " << next.what << '\n'
            << "next market      " << core::to_string(next.next_market) << '\n';
  return k_exit_ok;
}

} // namespace

void add_rotation_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<RotationOptions>();
  auto* cmd = app.add_subcommand(
      "rotation", "Print the market the 24/7 loop works at an instant and the next transition");
  cmd->add_option("--at", options->at, "Instant (RFC 3339, e.g. 2026-03-13T19:55:00Z); default now")
      ->type_name("TIME");
  cmd->add_flag("--json", options->json,
                "Print JSON: market, reason, scan_interval_s, next_transition, next_market");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] { return run_rotation(global, *options); };
  });
}

} // namespace crew::app
