#!/usr/bin/env bash
# Start-up under faults (issue 16): fake_alpaca answers half of all requests with 429/500/503.
# Before the fix the first failed request of the start-up (the venue clock, the assets of the
# universe, the account) ended `crew autonomous --paper` with exit 2, the code of bad input, and
# 5 of 5 sessions never traded. Start-up must retry transient failures as the loop does: each of
# five sessions, one after the other in one home, must start, run to its end and exit 0. Then a
# venue that never answers must end the start-up with exit 1 (a failure, not bad input) once its
# retry time ([alpaca] startup_retry_seconds, 6 s here) is spent.
source "$(dirname "$0")/common.sh"
SPEED=1200
FAKE_ARGS="--fail-rate 0.5 --seed ${FAULT_SEED:-16}"
source "$(dirname "$0")/paper.inc"
for run in 1 2 3 4 5; do
  status=0
  began=$(date +%s)
  (session --duration 30m) >"$WORK_DIR/session$run.jsonl" 2>"$WORK_DIR/session$run.err" ||
    status=$?
  if [ "$status" -ne 0 ]; then
    tail -3 "$WORK_DIR/session$run.err" >&2
    fail "session $run of 5 exited $status under 50% faults"
  fi
  ticks=$(jq -s '[.[] | select(.summary) | .summary.ticks][0] // 0' "$WORK_DIR/session$run.jsonl")
  [ "$ticks" -gt 0 ] || fail "session $run of 5 ran no tick"
  echo "ok: session $run of 5 started and ran $ticks ticks in $(($(date +%s) - began)) s"
done
injected=$(grep -cE ' -> (429|500|503)$' "$WORK_DIR/fake_alpaca.log" || true)
[ "$injected" -ge 20 ] || fail "only $injected faults injected: the campaign did not bite"
echo "ok: 5 of 5 sessions started through $injected injected faults"

# Nobody listening: a network failure, exit 1, once the start-up's retry time is spent.
export APCA_API_BASE_URL="http://127.0.0.1:9" APCA_API_DATA_URL="http://127.0.0.1:9"
printf '[alpaca]\nstartup_retry_seconds = 6\n' >"$WORK_DIR/nobody.toml"
status=0
began=$(date +%s)
timeout 60 "$CREW_BIN" --home "$WORK_DIR/home2" --log-level error --config "$WORK_DIR/nobody.toml" \
  autonomous --paper --duration 2h >"$WORK_DIR/nobody.out" 2>"$WORK_DIR/nobody.err" || status=$?
took=$(($(date +%s) - began))
[ "$status" -eq 1 ] || { cat "$WORK_DIR/nobody.err" >&2; fail "no venue: exit $status, expected 1"; }
[ "$(wc -l <"$WORK_DIR/nobody.err")" -eq 1 ] || { cat "$WORK_DIR/nobody.err" >&2; fail "not one line"; }
assert_contains "$WORK_DIR/nobody.err" "^crew: .*connection failed.*gave up after [0-9]* attempts"
[ "$took" -ge 3 ] && [ "$took" -le 25 ] || fail "no venue: gave up after $took s (retrying for 6 s)"
echo "ok: no venue at all: exit 1 after $took s of retries: $(cat "$WORK_DIR/nobody.err")"
