#!/usr/bin/env bash
# One loop per home (money safety issue, High 3): two `crew autonomous` on one home both ran and
# the store then mislabelled orders. With a loop running, a second one started by hand (any mode)
# is refused at once with a one-line error naming the first one's pid and mode, and writes
# nothing; the commands that only look (status, orders, trades) and `crew stop` keep working; a
# loop killed outright (SIGKILL) leaves the home free for the next one.
source "$(dirname "$0")/autonomous.inc"
first_pid=""
stop_first() { [ -z "$first_pid" ] || kill -9 "$first_pid" 2>/dev/null || true; }
trap 'kept=$?; stop_first; (exit $kept); cleanup' EXIT

# The first loop: a paced simulated day, long enough to outlive the checks below.
# (crew itself, not the `crew` function: $! must be the loop's own pid.)
"$CREW_BIN" --home "$CREW_HOME" --log-level warn autonomous --sim --start 2026-11-18T14:00:00Z \
  --duration 24h --pace 120 --json >"$WORK_DIR/first.jsonl" 2>"$WORK_DIR/first.err" &
first_pid=$!
# It holds the home once its lock file names it; it trades once it has a heartbeat.
lock="$CREW_HOME/state/state.db.lock"
for _ in $(seq 1 300); do
  if grep -q "pid=$first_pid " "$lock" 2>/dev/null &&
    [ "$(sqlite3 "$CREW_HOME/state/state.db" 'SELECT count(*) FROM heartbeats' 2>/dev/null || echo 0)" -gt 0 ]; then
    break
  fi
  kill -0 "$first_pid" 2>/dev/null || { cat "$WORK_DIR/first.err" >&2; fail "the first loop died"; }
  sleep 0.1
done
grep -q "pid=$first_pid " "$lock" || fail "the first loop did not take the home within 30 s"
echo "ok: the first loop runs (pid $first_pid)"

for mode in --sim --paper --dry-run; do
  status=0
  APCA_API_KEY_ID=KEY APCA_API_SECRET_KEY=SECRET \
    crew autonomous "$mode" --duration 1h >"$WORK_DIR/second.out" 2>"$WORK_DIR/second.err" ||
    status=$?
  [ "$status" -eq 1 ] || { cat "$WORK_DIR/second.err" >&2; fail "a second loop ($mode) exited $status, expected 1"; }
  [ "$(wc -l <"$WORK_DIR/second.err")" -eq 1 ] || { cat "$WORK_DIR/second.err" >&2; fail "not a one-line refusal"; }
  assert() { grep -q -- "$1" "$WORK_DIR/second.err" || { cat "$WORK_DIR/second.err" >&2; fail "$2"; }; }
  assert "pid $first_pid" "the refusal does not name the first loop's pid"
  assert "(--sim)" "the refusal does not name the first loop's mode"
  [ ! -s "$WORK_DIR/second.out" ] || fail "the refused loop printed a session header"
  echo "ok: a second loop ($mode) is refused, naming pid $first_pid and --sim"
done
kill -0 "$first_pid" || fail "the first loop died while the second was refused"

# Looking and stopping still work beside the running loop.
crew status --json >/dev/null || fail "status failed while a loop runs"
crew orders >/dev/null || fail "orders failed while a loop runs"
crew trades >/dev/null || fail "trades failed while a loop runs"
echo "ok: status, orders and trades work while a loop runs"

# SIGKILL: no clean-up runs, yet the kernel frees the lock with the process.
kill -9 "$first_pid"
wait "$first_pid" 2>/dev/null || true
first_pid=""
crew autonomous --sim --duration 30m --json >"$WORK_DIR/after.jsonl" ||
  fail "a loop after the first was killed could not start"
echo "ok: after SIGKILL of the first, the next loop runs"
