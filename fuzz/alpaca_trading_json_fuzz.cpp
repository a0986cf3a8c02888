// libFuzzer target alpaca_trading_json: see crew::fuzz::alpaca_trading_json_entry in
// fuzz_entries.hpp.
#include "fuzz/fuzz_target.hpp"

CREW_FUZZ_TARGET(crew::fuzz::alpaca_trading_json_entry)
