// Backups before each session: SQLite's online backup API copies a consistent snapshot even while
// the loop holds the file open. Files are named by the UTC time passed in, so their names sort by
// age and pruning keeps the newest `keep`. A backup is written to a temporary name and renamed, so
// a crash mid-backup never leaves a truncated file under a real backup name; the next backup
// deletes what such a crash left (tests/integration/crash_inside_writes.sh aims kills there).
#include "state/state_store.hpp"
#include "state/state_store_impl.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace crew::state {
namespace {

std::string backup_name(core::UtcTime at) {
  // YYYYMMDDTHHMMSSZ from the RFC 3339 text, without separators.
  std::string stamp;
  for (char c : core::format_rfc3339(at, 0)) {
    if (c != '-' && c != ':') {
      stamp.push_back(c);
    }
  }
  return "state-" + stamp + ".db";
}

bool is_backup_name(const std::string& name) {
  return name.size() == std::string("state-YYYYMMDDTHHMMSSZ.db").size() &&
         name.starts_with("state-") && name.ends_with("Z.db");
}

constexpr std::string_view k_partial_suffix = ".partial";

// Removes the unfinished copies an interrupted backup left behind.
void remove_partial_backups(const std::filesystem::path& backup_dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(backup_dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.ends_with(k_partial_suffix) &&
        is_backup_name(name.substr(0, name.size() - k_partial_suffix.size()))) {
      std::error_code removed;
      std::filesystem::remove(entry.path(), removed);
      spdlog::warn("deleted an unfinished backup (interrupted earlier): {}", entry.path().string());
    }
  }
}

} // namespace

core::Status StateStore::backup_to(const std::filesystem::path& file) {
  const std::lock_guard lock(m_impl->mutex);
  sqlite3* target = nullptr;
  if (sqlite3_open_v2(file.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    std::string what = target != nullptr ? sqlite3_errmsg(target) : "out of memory";
    sqlite3_close_v2(target);
    return core::Error{"cannot create backup: " + what, file.string()};
  }
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", m_impl->db.handle(), "main");
  int rc = SQLITE_ERROR;
  if (backup != nullptr) {
    rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
  }
  std::string what = sqlite3_errmsg(target);
  sqlite3_close_v2(target);
  if (rc != SQLITE_DONE) {
    return core::Error{"backup failed: " + what, file.string()};
  }
  return {};
}

core::Result<std::filesystem::path> backup_state(StateStore& store,
                                                 const std::filesystem::path& backup_dir,
                                                 core::UtcTime at, int keep) {
  std::error_code ec;
  std::filesystem::create_directories(backup_dir, ec);
  if (ec) {
    return core::Error{"cannot create backup directory: " + ec.message(), backup_dir.string()};
  }
  const std::filesystem::path file = backup_dir / backup_name(at);
  const std::filesystem::path partial =
      backup_dir / (backup_name(at) + std::string(k_partial_suffix));
  remove_partial_backups(backup_dir);
  if (auto status = store.backup_to(partial); !status) {
    std::filesystem::remove(partial, ec);
    return status.error();
  }
  std::filesystem::rename(partial, file, ec);
  if (ec) {
    return core::Error{"cannot rename backup: " + ec.message(), file.string()};
  }

  std::vector<std::filesystem::path> backups;
  for (const auto& entry : std::filesystem::directory_iterator(backup_dir, ec)) {
    if (entry.is_regular_file() && is_backup_name(entry.path().filename().string())) {
      backups.push_back(entry.path());
    }
  }
  std::sort(backups.begin(), backups.end());
  const std::size_t kept = static_cast<std::size_t>(std::max(keep, 1));
  for (std::size_t i = 0; i + kept < backups.size(); ++i) {
    std::filesystem::remove(backups[i], ec);
    if (ec) {
      spdlog::warn("cannot delete old backup {}: {}", backups[i].string(), ec.message());
    }
  }
  spdlog::info("state backed up to {}", file.string());
  return file;
}

} // namespace crew::state
