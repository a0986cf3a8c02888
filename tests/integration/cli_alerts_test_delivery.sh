#!/usr/bin/env bash
# crew alerts --test with [alerts] pointing at loopback receivers: the test alert arrives at the
# webhook as JSON with "text" and "content", and as a mail with its headers; a receiver that is
# down makes the command fail naming the sink; the webhook URL and the SMTP password stay out of
# the logs. Then crew alerts lists the (empty) episodes of a simulated session's store.
source "$(dirname "$0")/autonomous.inc"
mkdir -p "$WORK_DIR/received"
python3 "$(dirname "$0")/alert_receivers.py" "$WORK_DIR/received" &
RECEIVERS=$!
trap 'kill $RECEIVERS 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do
  [ -s "$WORK_DIR/received/ports" ] && break
  sleep 0.1
done
read -r HTTP_PORT SMTP_PORT <"$WORK_DIR/received/ports" || fail "the receivers did not start"

cat >"$WORK_DIR/crew.toml" <<TOML
[alerts]
webhook_url = "http://127.0.0.1:$HTTP_PORT/services/T0/B0/SECRETPATH"
smtp_url = "smtp://127.0.0.1:$SMTP_PORT"
smtp_from = "crew@example.com"
smtp_to = "ops@example.com, oncall@example.org"
TOML
export CREW_CONFIG="$WORK_DIR/crew.toml"
crew alerts --test >"$WORK_DIR/test.txt" || fail "crew alerts --test failed: $(cat "$WORK_DIR/test.txt")"
for sink in log webhook email; do
  grep -q "^$sink *delivered$" "$WORK_DIR/test.txt" || fail "$sink did not deliver"
done
hook="$WORK_DIR/received/hook-1.json"
check "webhook JSON has text" 'first | .text | startswith("[crew] WARNING test: test alert")' "$hook"
check "webhook JSON has the same content" 'first | .content == .text' "$hook"
mail="$WORK_DIR/received/mail-1.txt"
assert() { grep -q -- "$2" "$1" || fail "$1 lacks '$2'"; }
assert "$mail" "^MAIL FROM:<crew@example.com>"
assert "$mail" "^RCPT TO:<ops@example.com>"
assert "$mail" "^RCPT TO:<oncall@example.org>"
assert "$mail" "^Subject: \[crew\] WARNING test: test alert from"
assert "$mail" "^To: ops@example.com, oncall@example.org"
assert "$mail" "^Content-Type: text/plain; charset=utf-8"
echo "ok: the test alert arrived by webhook and by mail"

crew alerts --test --json >"$WORK_DIR/test.json"
check "JSON names every sink" 'first | map(.sink) == ["log", "webhook", "email"] and all(.delivered)' \
  "$WORK_DIR/test.json"

kill "$RECEIVERS"
wait "$RECEIVERS" 2>/dev/null || true
if crew alerts --test >"$WORK_DIR/down.txt" 2>&1; then fail "a dead webhook was not reported"; fi
grep -q "^webhook *FAILED: alerts.webhook_url: webhook not reached" "$WORK_DIR/down.txt" ||
  fail "unclear webhook failure: $(cat "$WORK_DIR/down.txt")"
grep -q "^email *FAILED: alerts.smtp_url: mail not sent" "$WORK_DIR/down.txt" ||
  fail "unclear mail failure: $(cat "$WORK_DIR/down.txt")"
echo "ok: dead receivers are reported"

CREW_SMTP_PASSWORD="pw-not-real-123" "$CREW_BIN" --home "$CREW_HOME" --log-level debug alerts --test >/dev/null 2>&1 || true
if grep -rq -e "SECRETPATH" -e "pw-not-real-123" "$CREW_HOME/logs" "$WORK_DIR/down.txt"; then
  fail "a secret reached a log"
fi
echo "ok: no secret in the logs"

unset CREW_CONFIG
crew autonomous --sim --start 2026-11-18T20:50:00Z --duration 2h >/dev/null
crew alerts --json >"$WORK_DIR/list.json"
check "no open episode after a quiet session" 'first | .open == [] and .undelivered == 0' \
  "$WORK_DIR/list.json"
