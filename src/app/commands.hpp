#pragma once
// The registration function of every subcommand, called in order by main().
#include "app/command.hpp"

namespace crew::app {

void add_classify_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_indicators_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_rotation_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_scan_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_universe_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_calendar_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_data_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_backtest_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_autonomous_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_status_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_stop_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_records_commands(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_config_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_report_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_alerts_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);
void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot);

} // namespace crew::app
