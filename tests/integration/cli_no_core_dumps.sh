#!/usr/bin/env bash
# A core dump of crew would hold the Alpaca keys (issue 16). Every command that reads them turns
# core dumps off (prctl PR_SET_DUMPABLE 0) before it does. The kernel shows the flag: the /proc
# files of a process that may not dump belong to root, whoever runs it; so crew runs here as
# someone else than root (nobody, when the test runs as root) and its /proc/PID/status is looked at
# while it runs: two long-running commands that read the keys (the loop, the dashboard server).
source "$(dirname "$0")/common.sh"
[ "$(uname -s)" = Linux ] || { echo "skipped: not Linux"; exit 77; }
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null || { echo "skipped: root without setpriv"; exit 77; }
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  chmod 0755 "$WORK_DIR"
fi

# owner_while_running NAME ARGS…: starts crew ARGS in a home of its own, waits (at most 20 s) until
# it has read the keys (it logs to the home's log file after that), prints the owner uid of
# /proc/PID/status, and stops it.
owner_while_running() {
  local name=$1
  shift
  local home="$WORK_DIR/$name"
  mkdir -p "$home"
  chmod 0777 "$home"
  "${as_user[@]}" "$CREW_BIN" --home "$home" --log-level warn "$@" >"$WORK_DIR/$name.out" \
    2>"$WORK_DIR/$name.err" &
  local pid=$! waited=0
  until ls "$home"/logs/trading_crew_*.log >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$WORK_DIR/$name.err" >&2; fail "$name exited early"; }
    waited=$((waited + 1))
    [ "$waited" -le 200 ] || fail "$name did not start within 20 s"
    sleep 0.1
  done
  stat -c %u "/proc/$pid/status"
  kill "$pid"
  wait "$pid" || true
}

me=$("${as_user[@]}" id -u)
[ "$me" -ne 0 ] || fail "running as root: the test cannot see the flag"
for run in "loop autonomous --sim --pace 60 --duration 24h" "server serve --http 127.0.0.1:0"; do
  # shellcheck disable=SC2086
  owner=$(owner_while_running $run)
  [ "$owner" -eq 0 ] || fail "crew ${run#* } may dump core: /proc/PID/status belongs to uid $owner"
  echo "ok: crew ${run#* } (as uid $me) may not dump core"
done
