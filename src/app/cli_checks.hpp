#pragma once
// Checks the command line shares beyond parsing (issue 16): numbers that must be finite and in
// range, the exit code an error deserves, and standard output that must have been written.
#include "core/result.hpp"

#include <CLI/CLI.hpp>

namespace crew::app {

// A CLI11 check of a floating-point option: a finite number in [min, max], or (min, max] when
// `min_open`. nan, inf, hex and numbers out of range are refused: CLI11 prints "--name: …" and
// the command exits 2.
CLI::Validator finite_number(double min, double max, bool min_open = false);

// A CLI11 check of an unsigned 64-bit option: digits only (CLI11 would take "-1" as 2^64 - 1).
CLI::Validator whole_number();

// The exit code for `error`: 2 (bad input) when the input is at fault (core::Error::bad_input:
// a file that is not a crew store), else `otherwise`.
int exit_code_for(const core::Error& error, int otherwise);

// Flushes standard output after a command returned `code`. A write that failed (a full disk,
// /dev/full) turns success into exit 1 with one line on stderr; a failed command keeps its code
// and its one line.
int finish_output(int code);

} // namespace crew::app
