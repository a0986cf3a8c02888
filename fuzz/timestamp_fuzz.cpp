// libFuzzer target timestamp: see crew::fuzz::timestamp_entry in fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::timestamp_entry)
