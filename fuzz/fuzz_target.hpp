#pragma once
// CREW_FUZZ_TARGET(entry): the libFuzzer entry point of one target, calling one function of
// fuzz_entries.hpp. A broken invariant aborts with its message, so libFuzzer saves the input.
#include "fuzz/fuzz_entries.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define CREW_FUZZ_TARGET(entry)                                                                    \
  extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {              \
    const std::string_view input(reinterpret_cast<const char*>(data), size);                       \
    if (const crew::core::Status status = entry(input); !status) {                                 \
      std::fprintf(stderr, "fuzz invariant broken: %s\n", status.error().message().c_str());       \
      std::abort();                                                                                \
    }                                                                                              \
    return 0;                                                                                      \
  }
