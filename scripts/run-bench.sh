#!/usr/bin/env bash
# Builds crew_bench (the bench preset: Release, benchmarks on) and runs every benchmark briefly
# enough to finish in a few minutes. Results (console table) go to build/bench/results.txt and
# the JSON form to build/bench/results.json. Extra arguments pass to crew_bench, e.g.
# scripts/run-bench.sh --benchmark_filter=Csv
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=build/bench
if [[ "${CREW_BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  cmake --preset bench >/dev/null
  cmake --build "$build_dir" --target crew_bench -j"${CREW_JOBS:-2}"
fi
"$build_dir/bench/crew_bench" --benchmark_min_time="${CREW_BENCH_MIN_TIME:-0.5}" \
  --benchmark_out="$build_dir/results.json" --benchmark_out_format=json "$@" |
  tee "$build_dir/results.txt"
echo "results: $build_dir/results.txt and $build_dir/results.json"
