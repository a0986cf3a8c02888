#include "config/config.hpp"

namespace crew::config {
namespace {

std::filesystem::path under(const std::filesystem::path& home, const std::string& entry) {
  const std::filesystem::path path(entry);
  return (path.is_absolute() ? path : home / path).lexically_normal();
}

} // namespace

Paths resolve_paths(const std::filesystem::path& home, const PathsConfig& paths) {
  Paths resolved;
  resolved.home = home.lexically_normal();
  resolved.data_dir = under(resolved.home, paths.data_dir);
  resolved.bar_store = resolved.data_dir / "bars.db";
  resolved.synthetic_store = resolved.data_dir / "synthetic.db";
  resolved.state_dir = under(resolved.home, paths.state_dir);
  resolved.state_db = resolved.state_dir / "state.db";
  resolved.backup_dir = under(resolved.home, paths.backup_dir);
  resolved.log_dir = under(resolved.home, paths.log_dir);
  resolved.report_dir = under(resolved.home, paths.report_dir);
  return resolved;
}

} // namespace crew::config
