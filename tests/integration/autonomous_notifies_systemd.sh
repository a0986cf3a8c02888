#!/usr/bin/env bash
# The sd_notify protocol of a Type=notify unit, with a datagram socket standing in for systemd:
# `crew autonomous` sends READY=1 when its loop starts, WATCHDOG=1 after every tick (so
# WatchdogSec= restarts a loop that stopped ticking) and STOPPING=1 at the end, to a socket path
# or an abstract one. A NOTIFY_SOCKET nobody listens on costs one warning, not the session.
source "$(dirname "$0")/autonomous.inc"
listen() { # SOCKET OUT: appends each datagram as a line until killed
  python3 - "$1" "$2" <<'PY' &
import socket, sys
path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind("\0" + path[1:] if path.startswith("@") else path)
open(out + ".ready", "w").close()
with open(out, "a") as f:
    while True:
        f.write(s.recv(4096).decode() + "\n")
        f.flush()
PY
  LISTENER=$!
  for _ in $(seq 100); do [ -e "$2.ready" ] && return; sleep 0.05; done
  fail "the listener did not start"
}
# session SOCKET OUT: a simulated hour (60 ticks) notifying SOCKET; checks what arrived.
session() {
  NOTIFY_SOCKET="$1" crew autonomous --sim --duration 1h --json >"$WORK_DIR/run.jsonl"
  sleep 0.2
  kill "$LISTENER"
  ticks=$(jq -s 'map(select(.summary)) | .[0].summary.ticks' "$WORK_DIR/run.jsonl")
  [ "$(head -1 "$2")" = "READY=1" ] || fail "first message: $(head -1 "$2")"
  [ "$(tail -1 "$2")" = "STOPPING=1" ] || fail "last message: $(tail -1 "$2")"
  pings=$(grep -cx 'WATCHDOG=1' "$2" || true)
  [ "$pings" -eq "$ticks" ] || fail "$pings watchdog pings for $ticks ticks"
  echo "ok: $1: READY=1, $pings WATCHDOG=1 for $ticks ticks, STOPPING=1"
}
crew autonomous --sim --start 2026-11-18T20:00:00Z --duration 10m >/dev/null
listen "$WORK_DIR/notify.sock" "$WORK_DIR/path.txt"
session "$WORK_DIR/notify.sock" "$WORK_DIR/path.txt"
listen "@crew-notify-test-$$" "$WORK_DIR/abstract.txt"
session "@crew-notify-test-$$" "$WORK_DIR/abstract.txt"

NOTIFY_SOCKET="$WORK_DIR/nobody.sock" crew autonomous --sim --duration 1h >/dev/null 2>"$WORK_DIR/err.txt" ||
  fail "a dead NOTIFY_SOCKET ended the session"
[ "$(grep -c 'cannot notify systemd' "$WORK_DIR/err.txt")" -eq 1 ] ||
  fail "expected one warning: $(cat "$WORK_DIR/err.txt")"
echo "ok: a dead NOTIFY_SOCKET: one warning, the session ran"
