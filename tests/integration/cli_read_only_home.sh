#!/usr/bin/env bash
# The commands that only look (status, orders, trades, report, alerts, config) on a home they
# cannot write (issue 16): the service's home, owned by its user, seen by another user while the
# loop runs. Before the fix each failed at once on the day's log file ("cannot open the log file
# … Permission denied", exit 1 or 2). Each must now work and say once, on stderr, that it logs to
# no file, and create nothing in the home. "Cannot write" is made by running as nobody, so the test
# needs root (and setpriv); otherwise it is skipped.
source "$(dirname "$0")/common.sh"
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
  echo "skipped: needs root and setpriv to read the home as another user"
  exit 77
fi
as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
chmod 0755 "$WORK_DIR"

# The loop, as the home's owner, running long enough for every command below.
"$CREW_BIN" --home "$CREW_HOME" --log-level warn autonomous --sim --start 2026-11-18T14:00:00Z \
  --duration 30d --pace 3600 >"$WORK_DIR/loop.out" 2>"$WORK_DIR/loop.err" &
loop=$!
FAKE_PIDS+=("$loop")
waited=0
until [ "$(sqlite3 "$CREW_HOME/state/state.db" 'SELECT count(*) FROM heartbeats' 2>/dev/null ||
  echo 0)" -gt 0 ]; do
  kill -0 "$loop" 2>/dev/null || { cat "$WORK_DIR/loop.err" >&2; fail "the loop exited early"; }
  waited=$((waited + 1))
  [ "$waited" -le 300 ] || fail "the loop did not tick within 30 s"
  sleep 0.1
done
chmod -R a+rX "$CREW_HOME"
"${as_reader[@]}" test ! -w "$CREW_HOME/logs" || fail "the reader can write the home's logs"

for args in "status" "status --json" "orders" "trades" "trades --csv" "report" "report --json" \
  "alerts" "config" "config --json"; do
  status=0
  # shellcheck disable=SC2086
  (cd /; "${as_reader[@]}" "$CREW_BIN" --home "$CREW_HOME" $args) >"$WORK_DIR/out.txt" \
    2>"$WORK_DIR/err.txt" || status=$?
  [ "$status" -eq 0 ] ||
    fail "crew $args on a read-only home: exit $status: $(head -c 400 "$WORK_DIR/err.txt")"
  [ -s "$WORK_DIR/out.txt" ] || fail "crew $args printed nothing"
  warnings=$(grep -c 'not logging to a file' "$WORK_DIR/err.txt" || true)
  [ "$warnings" -eq 1 ] ||
    fail "crew $args: $warnings warnings about the log file: $(cat "$WORK_DIR/err.txt")"
  [ "$(wc -l <"$WORK_DIR/err.txt")" -eq 1 ] ||
    fail "crew $args: more on stderr: $(cat "$WORK_DIR/err.txt")"
  echo "ok: crew $args on a read-only home"
done
created=$(find "$CREW_HOME" -uid 65534 | head -3)
[ -z "$created" ] || fail "the reader created files in the home: $created"

# A command that writes still refuses a home it cannot write, with one line.
status=0
(cd /; "${as_reader[@]}" "$CREW_BIN" --home "$CREW_HOME" --log-level error data synth \
  --symbols BTC/USD --timeframe 1Day --start 2024-01-01 --end 2024-01-05) >/dev/null \
  2>"$WORK_DIR/err.txt" || status=$?
[ "$status" -ne 0 ] && [ "$status" -lt 128 ] || fail "data synth on a read-only home: exit $status"
[ "$(wc -l <"$WORK_DIR/err.txt")" -eq 1 ] || fail "data synth: not one line: $(cat "$WORK_DIR/err.txt")"
echo "ok: a writing command still refuses it (exit $status): $(head -c 200 "$WORK_DIR/err.txt")"
kill "$loop"
wait "$loop" || fail "the loop did not end cleanly on SIGTERM"
