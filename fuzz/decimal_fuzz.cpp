// libFuzzer target decimal: see crew::fuzz::decimal_entry in fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::decimal_entry)
