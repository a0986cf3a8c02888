#!/usr/bin/env bash
# --sim never continues stored (imported) history with invented prices: with 12 hours of real
# BTC/USD minutes in the bar store, a session running past them is refused with a one-line error
# naming the series and what to do, and the stored series is left as imported; a session inside
# the imported span replays it. Synthetic markets still chain: a second session in a fresh home
# extends the bars the first one generated.
source "$(dirname "$0")/autonomous.inc"
# minutes FILE FIRST_EPOCH COUNT: a CSV of BTC/USD minute bars.
minutes() {
  mkdir -p "$(dirname "$1")"
  python3 - "$@" <<'PY'
import sys
path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as f:
    f.write("timestamp,open,high,low,close,volume\n")
    for i in range(count):
        p = 90_000 + (i % 50)
        f.write(f"{start + 60 * i},{p},{p + 5},{p - 5},{p + 1},{1 + i % 3}\n")
PY
}
CSV="$WORK_DIR/short/BTC-USD.csv"
minutes "$CSV" 1794787200 720 # 2026-11-16T00:00Z, 12 hours
crew data import --timeframe 1Min "$CSV" >/dev/null
status=0
crew autonomous --sim --start 2026-11-16T06:00:00Z --duration 12h >"$WORK_DIR/out.txt" \
  2>"$WORK_DIR/err.txt" || status=$?
[ "$status" -ne 0 ] || fail "a session past the imported bars was not refused"
[ "$(wc -l <"$WORK_DIR/err.txt")" -eq 1 ] || fail "not a one-line error: $(cat "$WORK_DIR/err.txt")"
grep -q '^crew: .*bars.db: BTC/USD 1Min: the bar store holds 2026-11-16T00:00:00Z to 2026-11-16T11:59:00Z but the session needs .* to 2026-11-16T18:00:00Z; --sim does not continue stored history with invented prices' \
  "$WORK_DIR/err.txt" || fail "unclear refusal: $(cat "$WORK_DIR/err.txt")"
echo "ok: refused (exit $status): $(cut -c1-120 "$WORK_DIR/err.txt")…"
crew data list --json >"$WORK_DIR/list.json"
check "the imported series is as imported" \
  'first | map(select(.symbol == "BTC/USD" and .timeframe == "1Min")) | .[0].count == 720' \
  "$WORK_DIR/list.json"

export CREW_HOME="$WORK_DIR/covered"
minutes "$WORK_DIR/long/BTC-USD.csv" 1794700800 2880 # 2026-11-15T00:00Z, two days
crew data import --timeframe 1Min "$WORK_DIR/long/BTC-USD.csv" >/dev/null
crew autonomous --sim --start 2026-11-16T06:00:00Z --duration 12h >/dev/null ||
  fail "a session inside the imported minutes was refused"
crew data list --json >"$WORK_DIR/list.json"
check "the covered series was replayed, not extended" \
  'first | map(select(.symbol == "BTC/USD" and .timeframe == "1Min")) | .[0].count == 2880' \
  "$WORK_DIR/list.json"

export CREW_HOME="$WORK_DIR/synthetic"
crew autonomous --sim --start 2026-11-16T06:00:00Z --duration 2h >/dev/null
crew autonomous --sim --duration 6h >/dev/null || fail "a second synthetic session was refused"
echo "ok: synthetic sessions chain, extending their own bars"
