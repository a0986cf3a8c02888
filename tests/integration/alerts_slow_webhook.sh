#!/usr/bin/env bash
# Alert delivery never holds up the loop (issue 16): `crew autonomous --paper --clock broker`
# against fake_alpaca replaying at 300x, halted by `crew stop` so its first tick raises a critical
# "halt" alert, once with no receiver (the baseline) and once with a webhook and an SMTP server
# that accept the connection and never answer. The stuck run must tick at the pace of the baseline
# (heartbeats in the state store over the same venue window), both receivers must have been
# reached, and the session must end within the delivery queue's shutdown grace with one log line
# saying what it gave up on. Each run has a fresh fake_alpaca and home, so both replay the same
# venue hours. TICK_FLOOR (default 80) is the percentage of the baseline's ticks the stuck run must
# reach. Last, a SIGTERM while both deliveries are stuck in their receivers: crew must exit within
# the 3 s grace and a little, not after the sinks' timeouts (5 s webhook, 10 s mail).
source "$(dirname "$0")/common.sh"
SPEED=300 # the venue's pace the issue saw: a 60 s tick every 0.2 s of real time
source "$(dirname "$0")/paper.inc"
DURATION=2h # of venue time: about 24 s of real time per run
FLOOR=${TICK_FLOOR:-80}

# The silent receivers: accept and hold each connection, never send a byte (no HTTP answer, no
# SMTP greeting); at most 64 held at once, each count in DIR/silent-PORT.
mkdir -p "$WORK_DIR/silent"
python3 - "$WORK_DIR/silent" <<'PY' &
import os, socket, sys, threading
out = sys.argv[1]
def serve(listener, port):
    held, count = [], 0
    while True:
        client, _ = listener.accept()
        count += 1
        held.append(client)
        if len(held) > 64:
            held.pop(0).close()
        with open(os.path.join(out, f"silent-{port}.tmp"), "w") as f:
            f.write(f"{count}\n")
        os.rename(os.path.join(out, f"silent-{port}.tmp"), os.path.join(out, f"silent-{port}"))
ports = []
for _ in range(2):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    ports.append(port)
    threading.Thread(target=serve, args=(listener, port), daemon=True).start()
with open(os.path.join(out, "ports.tmp"), "w") as f:
    f.write(f"{ports[0]} {ports[1]}\n")
os.rename(os.path.join(out, "ports.tmp"), os.path.join(out, "ports"))
threading.Event().wait()
PY
FAKE_PIDS+=($!) # cleanup() stops it with the fakes
for _ in $(seq 100); do
  [ -s "$WORK_DIR/silent/ports" ] && break
  sleep 0.1
done
read -r HOOK_PORT SMTP_PORT <"$WORK_DIR/silent/ports" || fail "the silent receivers did not start"
BASE_CONFIG=$(cat "$WORK_DIR/crew.toml")
kill "${FAKE_PIDS[0]}" # paper.inc's fake: each run starts its own

# run NAME [TOML]: a halted --paper session of DURATION with its own fake_alpaca and home; sets
# TICKS (heartbeats stored) and SECONDS_TAKEN (real seconds from start to exit).
prepare() { # NAME [TOML]: a fresh fake_alpaca, home and configuration, halted by `crew stop`
  local name=$1 extra=${2:-}
  start_fake --store "$SYNTH/data/synthetic.db" --clock "$START" --speed "$SPEED" \
    --state "$WORK_DIR/fake_state_$name.json" --rate-limit 100000
  export CREW_HOME="$WORK_DIR/home_$name"
  mkdir -p "$CREW_HOME"
  printf '%s\n%s\n' "$BASE_CONFIG" "$extra" >"$WORK_DIR/crew.toml"
  crew --config "$WORK_DIR/crew.toml" stop >/dev/null || fail "$name: crew stop failed"
}

run() {
  local name=$1
  prepare "$@"
  local started ended status=0
  started=$(date +%s.%N)
  (session --duration "$DURATION") >"$WORK_DIR/$name.jsonl" 2>"$WORK_DIR/$name.err" || status=$?
  ended=$(date +%s.%N)
  kill "${FAKE_PIDS[-1]}" 2>/dev/null || true
  [ "$status" -eq 0 ] || fail "$name: crew exited $status: $(tail -3 "$WORK_DIR/$name.err")"
  TICKS=$(sqlite3 "$CREW_HOME/state/state.db" 'SELECT count(*) FROM heartbeats')
  SECONDS_TAKEN=$(echo "$ended - $started" | bc)
  tail -1 "$WORK_DIR/$name.jsonl" | jq -e '.summary' >/dev/null || fail "$name: no summary line"
  sqlite3 "$CREW_HOME/state/state.db" "SELECT count(*) FROM events WHERE kind = 'alert' \
    AND message LIKE 'halt:%'" | grep -qx 1 || fail "$name: the halt alert was not recorded once"
}

STUCK_TOML="[alerts]
webhook_url = \"http://127.0.0.1:$HOOK_PORT/hook\"
smtp_url = \"smtp://127.0.0.1:$SMTP_PORT\"
smtp_from = \"crew@example.com\"
smtp_to = \"ops@example.com\""

run baseline
BASE_TICKS=$TICKS BASE_SECONDS=$SECONDS_TAKEN
echo "baseline: $BASE_TICKS ticks in $BASE_SECONDS s"
[ "$BASE_TICKS" -ge 30 ] || fail "the baseline ticked only $BASE_TICKS times"

run stuck "$STUCK_TOML"
echo "stuck webhook and SMTP: $TICKS ticks in $SECONDS_TAKEN s"
for port in "$HOOK_PORT" "$SMTP_PORT"; do
  [ -s "$WORK_DIR/silent/silent-$port" ] || fail "crew never reached the silent receiver on $port"
done
[ $((TICKS * 100)) -ge $((BASE_TICKS * FLOOR)) ] ||
  fail "the stuck receivers slowed the loop: $TICKS ticks against $BASE_TICKS (floor $FLOOR%)"
echo "ok: the loop kept its pace while both receivers hung ($TICKS vs $BASE_TICKS ticks)"
# The queue gives pending deliveries a few seconds at the end, then gives up in one line.
[ "$(echo "$SECONDS_TAKEN <= $BASE_SECONDS + 10" | bc)" -eq 1 ] ||
  fail "the stuck session took $SECONDS_TAKEN s to end against $BASE_SECONDS s"
gave_up=$(grep -c 'alerts: shutdown: gave up' "$WORK_DIR/stuck.err" || true)
[ "$gave_up" -eq 1 ] || fail "expected one give-up line at shutdown, got $gave_up: $(tail -5 "$WORK_DIR/stuck.err")"
crew --config "$WORK_DIR/crew.toml" alerts --json >"$WORK_DIR/alerts.json"
jq -e '.undelivered >= 1' "$WORK_DIR/alerts.json" >/dev/null ||
  fail "the undelivered alert is not kept for the next start: $(cat "$WORK_DIR/alerts.json")"
echo "ok: the session ended within the grace, the undelivered alert kept in the store"

# SIGTERM while both deliveries hang: the queue's grace, then exit.
rm -f "$WORK_DIR/silent/silent-$HOOK_PORT" "$WORK_DIR/silent/silent-$SMTP_PORT"
prepare term "$STUCK_TOML"
session --duration 24h >"$WORK_DIR/term.jsonl" 2>"$WORK_DIR/term.err" &
CREW_PID=$!
for _ in $(seq 300); do
  [ -s "$WORK_DIR/silent/silent-$HOOK_PORT" ] && [ -s "$WORK_DIR/silent/silent-$SMTP_PORT" ] && break
  kill -0 "$CREW_PID" 2>/dev/null || fail "crew exited before reaching the receivers"
  sleep 0.1
done
[ -s "$WORK_DIR/silent/silent-$SMTP_PORT" ] || fail "the deliveries never reached both receivers"
started=$(date +%s.%N)
kill -TERM "$CREW_PID"
status=0
wait "$CREW_PID" || status=$?
took=$(echo "$(date +%s.%N) - $started" | bc)
[ "$status" -eq 0 ] || fail "crew exited $status after SIGTERM: $(tail -3 "$WORK_DIR/term.err")"
echo "SIGTERM with both deliveries stuck: exited after $took s"
[ "$(echo "$took <= 3 + 3 * ${CREW_TEST_SLOWDOWN:-1}" | bc)" -eq 1 ] ||
  fail "crew took $took s to exit: it waited for the receivers"
grep -q 'alerts: shutdown: gave up after .* (2 stuck on a receiver that has not answered' \
  "$WORK_DIR/term.err" || fail "no give-up line naming the 2 stuck deliveries: $(tail -3 "$WORK_DIR/term.err")"
echo "ok: a SIGTERM ended the session within the grace while the receivers hung"
