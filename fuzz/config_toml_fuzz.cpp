// libFuzzer target config_toml: see crew::fuzz::config_toml_entry in fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::config_toml_entry)
