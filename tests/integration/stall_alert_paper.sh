#!/usr/bin/env bash
# The stall alert from a real process (operations issue): fake_alpaca answers every request after
# 2.5 s, so `crew autonomous --paper` cannot finish a tick within [alerts] stall_seconds = 10. Its
# watchdog thread must post one critical "stall" alert to the webhook (a loopback receiver) while
# the loop is still stuck, record it as an alert event, and the session must still stop cleanly
# on SIGTERM.
source "$(dirname "$0")/common.sh"
FAKE_ARGS="--delay-ms 2500"
SPEED=1 # the venue in real time: the session must outlive the stall
source "$(dirname "$0")/paper.inc"
mkdir -p "$WORK_DIR/received"
python3 "$(dirname "$0")/alert_receivers.py" "$WORK_DIR/received" &
FAKE_PIDS+=($!) # cleanup() stops the receivers with the fake
for _ in $(seq 100); do
  [ -s "$WORK_DIR/received/ports" ] && break
  sleep 0.1
done
read -r HTTP_PORT _ <"$WORK_DIR/received/ports" || fail "the receivers did not start"
cat >>"$WORK_DIR/crew.toml" <<TOML
[scheduler]
tick_seconds = 5
[alerts]
webhook_url = "http://127.0.0.1:$HTTP_PORT/hook"
stall_seconds = 10
TOML

session --duration 4h >"$WORK_DIR/session.jsonl" 2>"$WORK_DIR/session.err" &
CREW_PID=$!
hook=""
for _ in $(seq 900); do # up to 90 s
  hook=$(grep -l 'CRITICAL stall:' "$WORK_DIR"/received/hook-*.json 2>/dev/null | head -1 || true)
  [ -n "$hook" ] && break
  kill -0 "$CREW_PID" 2>/dev/null || fail "crew exited before any stall alert: $(tail -3 "$WORK_DIR/session.err")"
  sleep 0.1
done
[ -n "$hook" ] || fail "no stall alert reached the webhook within 90 s"
kill -0 "$CREW_PID" 2>/dev/null || fail "crew had exited: the alert did not come from a live process"
jq -e '.text | test("^\\[crew\\] CRITICAL stall: the loop has not ticked for [0-9]+ s")' "$hook" \
  >/dev/null || fail "unexpected alert text: $(cat "$hook")"
echo "ok: the watchdog posted the stall alert while the loop was stuck"

kill -TERM "$CREW_PID"
status=0
wait "$CREW_PID" || status=$?
[ "$status" -eq 0 ] || fail "crew exited $status after SIGTERM: $(tail -3 "$WORK_DIR/session.err")"
stalls=$(grep -c 'CRITICAL stall:' "$WORK_DIR"/received/hook-*.json || true)
[ "$stalls" -eq 1 ] || fail "$stalls stall alerts posted: one episode must send one alert"
crew --config "$WORK_DIR/crew.toml" alerts --json >"$WORK_DIR/alerts.json"
jq -e '.open | map(.rule) | index("stall") != null' "$WORK_DIR/alerts.json" >/dev/null ||
  fail "the stall episode is not in the store: $(cat "$WORK_DIR/alerts.json")"
echo "ok: one alert for the episode, kept in the store; crew stopped cleanly on SIGTERM"
