#include "state/store_identity.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace crew::state {
namespace {

// The tables migration 1 creates: any state database of any version has them.
constexpr std::array<std::string_view, 3> k_first_tables = {"orders", "fills", "settings"};
constexpr std::int32_t k_bar_store_application_id = 0x43525742; // data::BarStore's ("CRWB")

core::Error refusal(const Database& db, const std::string& why) {
  return core::Error{why + "; refusing to use it as the state database", db.path().string(), true};
}

// The text of every row of a one-column query; a file that is not SQLite is a refusal.
core::Result<std::vector<std::string>> column_texts(Database& db, const char* sql) {
  std::vector<std::string> out;
  auto stmt = db.prepare(sql);
  while (stmt) {
    auto row = stmt->step();
    if (!row) {
      break;
    }
    if (!*row) {
      return out;
    }
    out.push_back(stmt->text(0));
  }
  if (sqlite3_errcode(db.handle()) == SQLITE_NOTADB) {
    return refusal(
        db, "not an SQLite database (SQLite: " + std::string(sqlite3_errmsg(db.handle())) + ")");
  }
  return db.error(sql);
}

} // namespace

core::Result<StateFile> identify_state_file(Database& db) {
  auto id = column_texts(db, "PRAGMA application_id");
  if (!id) {
    return id.error();
  }
  const std::string value = id->empty() ? "0" : id->front();
  if (value == std::to_string(k_state_application_id)) {
    return StateFile::ours;
  }
  if (value != "0") {
    const bool bars = value == std::to_string(k_bar_store_application_id);
    return refusal(
        db, "its SQLite application_id " + value + (bars ? " is a crew bar store's" : "") +
                ", not a crew state database's (" + std::to_string(k_state_application_id) + ")");
  }
  auto names = column_texts(db, "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                                "AND type = 'table' ORDER BY name");
  if (!names) {
    return names.error();
  }
  auto objects = column_texts(db, "SELECT COUNT(*) FROM sqlite_master");
  if (!objects) {
    return objects.error();
  }
  if (names->empty() && (objects->empty() || objects->front() == "0")) {
    return StateFile::empty;
  }
  const auto has = [&](std::string_view table) {
    return std::find(names->begin(), names->end(), table) != names->end();
  };
  // schema_version is created just before migration 1, so a crash between them leaves it alone.
  const bool first_migration_done = std::all_of(k_first_tables.begin(), k_first_tables.end(), has);
  if (has("schema_version") && (first_migration_done || names->size() == 1)) {
    return StateFile::legacy;
  }
  std::string listed;
  for (std::size_t i = 0; i < names->size() && i < 4; ++i) {
    listed += (i == 0 ? "" : ", ") + (*names)[i];
  }
  return refusal(db, "not a crew state database: it holds " +
                         (listed.empty() ? std::string("no tables") : listed) +
                         (names->size() > 4 ? ", …" : "") +
                         ", no schema_version of ours and no crew application_id");
}

core::Status stamp_state_file(Database& db) {
  return db.exec("PRAGMA application_id = " + std::to_string(k_state_application_id));
}

core::Status check_state_integrity(Database& db) {
  auto result = column_texts(db, "PRAGMA quick_check(1)");
  if (result && !result->empty() && result->front() == "ok") {
    return {};
  }
  const std::string why = !result           ? result.error().what
                          : result->empty() ? std::string("no answer")
                                            : result->front();
  return core::Error{"the state database is damaged (PRAGMA quick_check: " + why +
                         "); nothing was written: restore the latest backup",
                     db.path().string()};
}

} // namespace crew::state
