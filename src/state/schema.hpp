#pragma once
// The state database's schema as an ordered list of migrations. A file records its version in
// schema_version; opening runs the missing migrations in order, each in one transaction, so an
// old file is brought up to date and a newer file than this program knows is refused.
#include "core/result.hpp"
#include "state/database.hpp"

namespace crew::state {

// The version the last migration produces.
int latest_schema_version();

// The file's schema version (0 for a new, empty file).
core::Result<int> schema_version(Database& db);

// The same without creating anything (read-only connections): 0 when the table is absent.
core::Result<int> read_schema_version(Database& db);

// Applies migrations up to `target` (the latest by default). A file already newer than the latest
// version is an error naming both versions.
core::Status migrate(Database& db, int target = -1);

} // namespace crew::state
