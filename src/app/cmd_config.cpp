// crew config [--json] | crew config --check FILE: the effective configuration, where files go
// and whether the Alpaca keys are set (never their values, nor the webhook URL's secret path); or
// the validation of one file.
#include "app/commands.hpp"
#include "app/context.hpp"
#include "config/secret_redactor.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <iostream>

namespace crew::app {
namespace {

struct ConfigOptions {
  bool json = false;
  std::string check_file;
};

std::string with_place(const core::Error& error) {
  return error.where.empty() ? error.what : error.what + " (" + error.where + ")";
}

int run_check(const ConfigOptions& options) {
  const auto loaded = load_config_file(options.check_file);
  if (options.json) {
    nlohmann::json result = {{"file", options.check_file}, {"valid", loaded.ok()}};
    if (!loaded) {
      // Escaped as fail() escapes: a key of the file may hold any byte, and JSON only UTF-8.
      result["error"] = core::printable(loaded.error().what, k_max_error_chars);
      result["where"] = core::printable(loaded.error().where, k_max_error_chars);
    }
    std::cout << result.dump(2) << '\n';
  } else if (loaded) {
    std::cout << options.check_file << ": valid\n";
  }
  return loaded ? k_exit_ok : fail(k_exit_bad_input, with_place(loaded.error()));
}

std::vector<std::pair<std::string, std::filesystem::path>> path_rows(const config::Paths& paths) {
  return {{"home", paths.home},
          {"data_dir", paths.data_dir},
          {"bar_store", paths.bar_store},
          {"synthetic_store", paths.synthetic_store},
          {"state_dir", paths.state_dir},
          {"state_db", paths.state_db},
          {"backup_dir", paths.backup_dir},
          {"log_dir", paths.log_dir},
          {"report_dir", paths.report_dir}};
}

int run_show(const GlobalOptions& global, const ConfigOptions& options) {
  auto context = load_context(global, ContextOptions{.read_only = true});
  if (!context) {
    return fail(k_exit_bad_input, with_place(context.error()));
  }
  // The webhook's path (and any user name) is its secret: shown is only where it goes.
  auto& shown = context->config;
  shown.alerts.webhook_url = config::redact_url(shown.alerts.webhook_url);
  const auto& keys = context->keys;
  if (options.json) {
    nlohmann::json paths = nlohmann::json::object();
    for (const auto& [name, path] : path_rows(context->paths)) {
      paths[name] = path.string();
    }
    const nlohmann::json out = {
        {"source", context->config.source},
        {"paths", paths},
        {"keys",
         {{"APCA_API_KEY_ID", !keys.key_id.empty()},
          {"APCA_API_SECRET_KEY", !keys.secret_key.empty()},
          {"present", keys.present()}}},
        {"dry_run", context->dry_run},
        {"config", nlohmann::json::parse(config::to_json(context->config))}};
    std::cout << out.dump(2) << '\n';
    return k_exit_ok;
  }
  // Comments, so the whole output is itself a valid configuration file.
  std::cout << "# configuration: " << context->config.source << '\n';
  for (const auto& [name, path] : path_rows(context->paths)) {
    std::cout << "# " << std::left << std::setw(20) << name << path.string() << '\n';
  }
  std::cout << "# " << std::setw(20) << "APCA_API_KEY_ID"
            << (keys.key_id.empty() ? "not set" : "set") << '\n'
            << "# " << std::setw(20) << "APCA_API_SECRET_KEY"
            << (keys.secret_key.empty() ? "not set" : "set") << '\n'
            << "# " << std::setw(20) << "DRY_RUN" << (context->dry_run ? "true" : "false") << "\n\n"
            << config::to_toml(context->config);
  return k_exit_ok;
}

} // namespace

void add_config_command(CLI::App& app, const GlobalOptions& global, CommandSlot& slot) {
  auto options = std::make_shared<ConfigOptions>();
  auto* cmd = app.add_subcommand(
      "config", "Print the effective configuration, paths and key presence, or check a file");
  cmd->add_flag("--json", options->json, "Print JSON");
  cmd->add_option("--check", options->check_file, "Validate this configuration file only")
      ->type_name("FILE");
  cmd->callback([options, &global, &slot] {
    slot.action = [options, &global] {
      return options->check_file.empty() ? run_show(global, *options) : run_check(*options);
    };
  });
}

} // namespace crew::app
