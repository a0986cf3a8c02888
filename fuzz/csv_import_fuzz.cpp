// libFuzzer target csv_import: see crew::fuzz::csv_import_entry in fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::csv_import_entry)
