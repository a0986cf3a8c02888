#pragma once
// Whether a SQLite file is a crew state database (issue 16): checked on every open, before
// anything is written, so that another application's file, a bar store or a file that is not
// SQLite at all is refused instead of migrated. Internal to crew_state.
#include "core/result.hpp"
#include "state/database.hpp"

#include <cstdint>

namespace crew::state {

// The SQLite application_id of a state database ("CRWS"), set when the file is created.
inline constexpr std::int32_t k_state_application_id = 0x43525753;

// What identify_state_file() found.
enum class StateFile {
  empty,  // a new file: nothing in it yet
  ours,   // crew's application_id
  legacy, // written before the application_id (schema_version and our tables): ours, unstamped
};

// Reads, without writing, whether `db` is a crew state database. Another application's file, a
// bar store or a file that is not SQLite is an error naming the file with bad_input set.
core::Result<StateFile> identify_state_file(Database& db);

// Sets crew's application_id (after the migrations created the schema of an empty file).
core::Status stamp_state_file(Database& db);

// PRAGMA quick_check: a damaged file is an error naming the file and SQLite's first complaint.
core::Status check_state_integrity(Database& db);

} // namespace crew::state
