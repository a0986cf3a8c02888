// libFuzzer target alpaca_market_json: see crew::fuzz::alpaca_market_json_entry in
// fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::alpaca_market_json_entry)
