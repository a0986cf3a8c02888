#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (CREW_FUZZ=ON: fuzzer + ASan + UBSan) in
# BUILD_DIR and runs each for FUZZ_SECONDS, then prints the executions per target. Seeds: the
# committed fuzz/corpus/<target>/ plus, copied at run time into BUILD_DIR/corpus (never into the
# repo), the project's Alpaca fixtures (tests/fixtures/alpaca), the real ones of
# shared/alpaca-fixtures, the example configuration and small slices of shared/data CSVs.
# A crash or broken invariant leaves its input in BUILD_DIR/artifacts/<target>/ and exits 1.
# Usage: scripts/run-fuzz.sh [BUILD_DIR] [TARGET…]   (env: FUZZ_SECONDS=30, JOBS, SHARED_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build/fuzz}
shift || true
seconds=${FUZZ_SECONDS:-30}
jobs=${JOBS:-$(nproc)}
shared=${SHARED_DIR:-../shared}
all_targets=(alpaca_market_json alpaca_trading_json csv_import config_toml symbol timestamp decimal)
[ $# -gt 0 ] && targets=("$@") || targets=("${all_targets[@]}")

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCREW_WERROR=ON -DCREW_FUZZ=ON -DCREW_BUILD_TESTS=OFF
fi
cmake --build "$build_dir" --target crew_fuzz_targets -j "$jobs"

# seed TARGET: fills $build_dir/corpus/TARGET from the committed seeds and the shared files.
seed() {
  local dir="$build_dir/corpus/$1"
  mkdir -p "$dir"
  cp fuzz/corpus/"$1"/* "$dir"/ 2>/dev/null || true
  case "$1" in
    alpaca_*_json)
      local fixture
      for fixture in tests/fixtures/alpaca/*.json; do
        cp "$fixture" "$dir/own_$(basename "$fixture")"
      done
      [ -d "$shared/alpaca-fixtures" ] && cp "$shared"/alpaca-fixtures/*.json "$dir"/ ;;
    config_toml)
      cp config/crew.example.toml "$dir"/example.toml ;;
    csv_import)
      local csv
      for csv in "$shared"/data/us_equity/1d/AAPL.csv "$shared"/data/crypto/15m/*.csv; do
        [ -f "$csv" ] && head -n 20 "$csv" >"$dir/slice_$(basename "$csv")"
      done ;;
  esac
  return 0
}

status=0
printf '%-22s %12s %8s %s\n' target executions seconds result
for target in "${targets[@]}"; do
  seed "$target"
  artifacts="$build_dir/artifacts/$target"
  mkdir -p "$artifacts"
  log="$build_dir/$target.log"
  result=ok
  if ! (cd "$build_dir" && ASAN_OPTIONS=detect_leaks=1 "./fuzz/${target}_fuzz" \
          -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
          -artifact_prefix="artifacts/$target/" "corpus/$target") >"$log" 2>&1; then
    result="FAILED (see $log and $artifacts/)"
    status=1
  fi
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  printf '%-22s %12s %8s %s\n' "$target" "${runs:-?}" "$seconds" "$result"
done
exit $status
