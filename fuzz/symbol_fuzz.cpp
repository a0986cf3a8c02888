// libFuzzer target symbol: see crew::fuzz::symbol_entry in fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::symbol_entry)
