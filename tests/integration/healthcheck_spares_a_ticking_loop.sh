#!/usr/bin/env bash
# The shipped health check (contrib/systemd/crew-healthcheck.sh) against a real `crew autonomous
# --paper` on the system clock, ticking every second, with a stub systemctl that records
# restarts (issue 16: a crowd of idle connections starved /health and the check restarted a
# healthy loop). /health answering 200: nothing. A /health that never answers (a server that
# accepts and stays silent, as a crowded dashboard did) while the loop's heartbeat is fresh:
# nothing, and it says why. The loop frozen with SIGSTOP (no /health, no heartbeat): a restart.
source "$(dirname "$0")/common.sh"
SPEED=1 # the venue in real time
source "$(dirname "$0")/paper.inc"
source "$(dirname "$0")/dashboard.inc"
cat >>"$WORK_DIR/crew.toml" <<TOML
[scheduler]
tick_seconds = 1
TOML
HEALTHCHECK="$(dirname "$0")/../../contrib/systemd/crew-healthcheck.sh"
mkdir -p "$WORK_DIR/bin"
cat >"$WORK_DIR/bin/systemctl" <<STUB
#!/bin/sh
# A unit active for long (past the check's grace period); restarts are recorded.
case "\$1" in
  is-active) exit 0 ;;
  show) echo 0 ;;
  restart) echo "restart \$2" >>"$WORK_DIR/restarts" ;;
esac
STUB
chmod +x "$WORK_DIR/bin/systemctl"

# healthcheck URL: runs the shipped check as systemd would, its stderr in $WORK_DIR/check.err.
healthcheck() {
  PATH="$WORK_DIR/bin:$PATH" CREW_BIN="$CREW_BIN" CREW_CONFIG="$WORK_DIR/crew.toml" \
    CREW_HEALTH_TIMEOUT_SECONDS=2 CREW_HEALTH_RETRY_SECONDS=1 \
    sh "$HEALTHCHECK" "$1" tradingcrew.service 2>"$WORK_DIR/check.err"
}
restarts() { cat "$WORK_DIR/restarts" 2>/dev/null | wc -l; }

start_server "$WORK_DIR/loop.out" --config "$WORK_DIR/crew.toml" autonomous --paper \
  --duration 10m --http 127.0.0.1:0
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${url}health")" = 200 ] && break
  sleep 0.2
done
assert_eq 200 "$(curl -s -o /dev/null -w '%{http_code}' "${url}health")" "/health of the loop"

healthcheck "${url}health"
assert_eq 0 "$(restarts)" "restarts after a healthy /health"
echo "ok: /health 200, no restart"

python3 "$ATTACKS" blackhole 60 >"$WORK_DIR/blackhole.port" &
FAKE_PIDS+=($!) # stopped by cleanup()
for _ in $(seq 50); do
  [ -s "$WORK_DIR/blackhole.port" ] && break
  sleep 0.1
done
healthcheck "http://127.0.0.1:$(cat "$WORK_DIR/blackhole.port")/health"
assert_eq 0 "$(restarts)" "restarts while /health does not answer and the heartbeat is fresh"
assert_contains "$WORK_DIR/check.err" "heartbeat is fresh"
echo "ok: /health silent, heartbeat fresh, no restart: $(cat "$WORK_DIR/check.err")"

kill -STOP "$server_pid"
sleep 4 # three ticks of 1 s and more
healthcheck "${url}health"
kill -CONT "$server_pid"
assert_eq 1 "$(restarts)" "restarts after the loop froze"
assert_contains "$WORK_DIR/check.err" "restarting tradingcrew.service"
echo "ok: a frozen loop is restarted: $(cat "$WORK_DIR/check.err")"
