#!/usr/bin/env bash
# Soak of docs/reliability.md: a simulated week of `crew autonomous --sim` with its resident memory
# and open file descriptors sampled every second; prints the samples' summary (memory flat after
# warm-up, descriptors flat). Usage: scripts/soak.sh [BUILD_DIR] [DURATION (7d)]
set -euo pipefail
cd "$(dirname "$0")/.."
crew="${1:-build/dev}/src/app/crew"
[ -x "$crew" ] || { echo "soak: $crew not built (make build)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/crew-soak.XXXXXX")
"$crew" --home "$work/home" --log-level warn autonomous --sim --start 2026-11-16T14:00:00Z \
  --duration "${2:-7d}" --json >"$work/events.jsonl" 2>"$work/stderr" &
pid=$!
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
rm -rf "$work"
