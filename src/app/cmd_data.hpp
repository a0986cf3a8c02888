#pragma once
// `crew data …`: the parent subcommand and what its children share. Other data subcommands
// (download, stats) attach themselves with data_command(app)->add_subcommand(…).
#include "app/command.hpp"
#include "core/result.hpp"
#include "data/bar_store.hpp"

namespace crew::app {

// The "data" subcommand of `app`, created on first use (it requires one child subcommand).
CLI::App* data_command(CLI::App& app);

// Which bars a command reads: the user's real ones (imported, downloaded), or the generated ones
// (`crew data synth`, the synthetic markets of --sim) that live in a store of their own and are
// read only when asked for with --synthetic.
enum class BarSource { real, synthetic };
std::string_view to_string(BarSource source);

// Opens that store under the configured data directory (load_context resolves it).
core::Result<data::BarStore> open_bar_store(const GlobalOptions& global,
                                            BarSource source = BarSource::real);

// "what (where)", the one-line form of bad input on the command line.
std::string describe_error(const core::Error& error);

void add_data_import_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);
void add_data_export_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);
void add_data_list_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);
void add_data_synth_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);
void add_data_download_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);
void add_data_stats_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);
void add_data_split_command(CLI::App& data, const GlobalOptions& global, CommandSlot& slot);

} // namespace crew::app
