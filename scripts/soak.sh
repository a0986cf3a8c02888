#!/usr/bin/env bash
# Soak of docs/reliability.md: a long `crew autonomous` session with its resident memory and open
# file descriptors sampled every second; prints the samples' summary (memory flat after warm-up,
# descriptors flat).
#   scripts/soak.sh [BUILD_DIR] [DURATION (7d)]      --sim, as fast as the machine allows
#   SOAK_PACE=1 scripts/soak.sh build/dev 1h          --sim in real time (--pace 1)
#   SOAK_MODE=paper scripts/soak.sh build/dev 1h      --paper against fake_alpaca, whose venue clock
#                                                     runs at SOAK_PACE (default 1: real time)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/dev}"
duration="${2:-7d}"
crew="$build/src/app/crew"
[ -x "$crew" ] || { echo "soak: $crew not built (make build)" >&2; exit 2; }
if [ "${SOAK_MODE:-sim}" = paper ]; then
  # The --paper harness of the integration tests: fake_alpaca on loopback replaying synthetic bars.
  export CREW_BIN="$crew" FAKE_ALPACA_BIN="$build/tools/fake_alpaca/fake_alpaca"
  SPEED=${SOAK_PACE:-1}
  source tests/integration/common.sh
  source tests/integration/paper.inc
  work="$WORK_DIR"
  session --duration "$duration" >"$work/events.jsonl" 2>"$work/stderr" &
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/crew-soak.XXXXXX")
  "$crew" --home "$work/home" --log-level warn autonomous --sim --start 2026-11-16T14:00:00Z \
    --duration "$duration" --pace "${SOAK_PACE:-0}" --json >"$work/events.jsonl" \
    2>"$work/stderr" &
fi
pid=$!
echo "soak: crew pid $pid, samples in $work/samples" >&2
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
  [ -n "$rss" ] && echo "$rss $fds" >>"$work/samples"
  sleep 1
done
wait "$pid"
# Warm-up: the first 3 samples (bars generated and loaded).
awk 'NR > 3 { n++; if (n == 1) { first = $1 } last = $1; if ($1 > max) max = $1;
       if (fmin == "" || $2 < fmin) fmin = $2; if ($2 > fmax) fmax = $2 }
     END { printf "samples %d  rss after warm-up %d kB, at the end %d kB, max %d kB (slope %+d kB)\n",
             n, first, last, max, last - first;
           printf "open file descriptors %d to %d\n", fmin, fmax }' "$work/samples"
tail -n 1 "$work/events.jsonl" | cut -c1-200
echo "logs: $(ls "$work"/home/logs 2>/dev/null | tr '\n' ' ')"
[ -n "${SOAK_KEEP:-}" ] || rm -rf "$work"
