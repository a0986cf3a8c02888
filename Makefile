# The two commands a new user types: `make demo` and `make test`. Both install what is missing
# and build first.
JOBS ?= $(shell nproc)
DEV := build/dev
ASAN := build/asan
FUZZ_SECONDS ?= 30
CREW := $(DEV)/src/app/crew
DEMO_HOME ?= $(CURDIR)/build/demo-home

.PHONY: deps build demo test test-asan test-asan-parsers fuzz bench format clean

deps:
	@scripts/install-deps.sh

$(DEV)/build.ninja:
	cmake --preset dev

build: deps $(DEV)/build.ninja
	cmake --build $(DEV) -j $(JOBS)

demo: build
	@scripts/demo.sh $(CREW) $(DEMO_HOME)

test: build
	ctest --test-dir $(DEV) -j $(JOBS) --output-on-failure --timeout 300

test-asan: deps
	cmake --preset asan
	cmake --build $(ASAN) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(ASAN) -j $(JOBS) --output-on-failure --timeout 600

# CI's sanitizer subset (docs/reliability.md): the suites of every parser of outside input (core,
# data, config, the fuzz regressions, alpaca) and of the store, the risk rules and the alerts with
# their watchdog thread, under AddressSanitizer + UBSan. `make test-asan` runs everything.
ASAN_SUITES = core data config fuzz alpaca risk state alerts
test-asan-parsers: deps
	cmake --preset asan
	cmake --build $(ASAN) -j $(JOBS) --target $(ASAN_SUITES:%=crew_%_tests)
	@for suite in $(ASAN_SUITES); do \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(ASAN)/tests/$$suite/crew_$${suite}_tests --gtest_brief=1 || exit 1; \
	done

# Each libFuzzer target of fuzz/ for FUZZ_SECONDS (default 30) under clang, in build/fuzz.
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) JOBS=$(JOBS) scripts/run-fuzz.sh build/fuzz

bench: deps
	cmake --preset bench
	cmake --build build/bench -j $(JOBS)
	@CREW_BENCH_SKIP_BUILD=1 scripts/run-bench.sh

format:
	@scripts/format.sh

clean:
	rm -rf build
