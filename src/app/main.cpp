// crew: the tradingcrew command line. Parses the subcommand, runs it, returns its exit code.
#include "app/cli_checks.hpp"
#include "app/command.hpp"
#include "app/commands.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
  using namespace crew::app;
  CLI::App app{"tradingcrew: trades US equities while NYSE is open and crypto the rest of the time",
               "crew"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "crew 0.1.0");
  GlobalOptions global;
  app.add_option("--home", global.home, "Home directory for data, state, logs (or $CREW_HOME)")
      ->type_name("DIR");
  app.add_option("--config", global.config_path, "Configuration file (or $CREW_CONFIG)")
      ->type_name("FILE");
  app.add_option("--log-level", global.log_level, "trace, debug, info, warn, error")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  CommandSlot slot;

  add_classify_command(app, global, slot);
  add_indicators_command(app, global, slot);
  add_rotation_command(app, global, slot);
  add_scan_command(app, global, slot);
  add_universe_command(app, global, slot);
  add_calendar_command(app, global, slot);
  add_data_command(app, global, slot);
  add_backtest_command(app, global, slot);
  add_autonomous_command(app, global, slot);
  add_status_command(app, global, slot);
  add_stop_command(app, global, slot);
  add_records_commands(app, global, slot);
  add_config_command(app, global, slot);
  add_report_command(app, global, slot);
  add_alerts_command(app, global, slot);
  add_serve_command(app, global, slot);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // One line, naming what was wrong; usage errors exit 2. CLI11 reports a misspelt subcommand
    // as a missing one, so name the stray word instead.
    const auto stray = app.remaining();
    if (app.get_subcommands().empty() && !stray.empty()) {
      return fail(k_exit_bad_input, "unknown subcommand '" + stray.front() + "' (see crew --help)");
    }
    return fail(k_exit_bad_input, std::string(e.what()) + " (see crew --help)");
  }
  if (!slot.action) {
    return fail(k_exit_bad_input, "no subcommand given (see crew --help)");
  }
  try {
    // A command whose output could not be written (`> /dev/full`) has failed.
    return finish_output(slot.action());
  } catch (const std::exception& e) {
    return fail(k_exit_failure, e.what());
  }
}
