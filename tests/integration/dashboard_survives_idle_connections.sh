#!/usr/bin/env bash
# Slowloris (issue 16): connections that open and then send nothing, or a byte at a time, must
# not starve /health and the API. With 12 and then 48 idle connections held, /health and
# /api/status of a running loop still answer 200 within 2 s; the idle ones are closed by the
# server within seconds, and a request trickling one header byte a second is cut off. A crowd of
# 300 is answered too (503 for those beyond the backlog) without the process holding a
# descriptor for each.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/dashboard.inc"

start_server "$WORK_DIR/autonomous.out" autonomous --sim --start 2026-11-18T22:00:00Z \
  --duration 24h --pace 60 --http 127.0.0.1:0
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${url}health")" = 200 ] && break
  sleep 0.1
done

# answers_while_idle N PATH: PATH answers 200 within 2 s while N idle connections are held, and
# the server has closed every idle one within 12 s (those that sent nothing after the 5 s idle
# limit, those that began a request after the 10 s request limit).
answers_while_idle() {
  local out
  out=$(python3 "$ATTACKS" idle "$port" "$1" 12 "$2")
  echo "$1 idle connections, $2: $(echo "$out" | tr '\n' ' ')"
  read -r status seconds <<<"$(head -n 1 <<<"$out")"
  assert_eq 200 "$status" "$2 while $1 connections are idle"
  awk -v s="$seconds" 'BEGIN { exit !(s < 2.0) }' || fail "$2 took $seconds s with $1 idle connections"
  assert_eq "closed $1 of $1" "$(tail -n 1 <<<"$out")" "idle connections closed by the server"
}
answers_while_idle 12 /health
answers_while_idle 12 /api/status
answers_while_idle 48 /health
answers_while_idle 48 /api/status
python3 "$ATTACKS" idle "$port" 300 4 /health >"$WORK_DIR/crowd.out" &
crowd=$!
sleep 1.5
descriptors=$(find "/proc/$server_pid/fd" -mindepth 1 -maxdepth 1 | wc -l)
wait "$crowd"
echo "300 idle connections, /health: $(tr '\n' ' ' <"$WORK_DIR/crowd.out"), $descriptors descriptors open"
[[ "$(head -n 1 "$WORK_DIR/crowd.out")" =~ ^(200|503)\ [01]\. ]] ||
  fail "/health did not answer within 2 s while 300 connections were idle"
[ "$descriptors" -lt 200 ] || fail "crew held $descriptors descriptors for 300 idle connections"
answers_while_idle 12 /health
echo "ok: /health and the API answer while idle connections are held"

out=$(python3 "$ATTACKS" trickle "$port" 30)
echo "a request trickling a byte a second: $out"
[[ "$out" =~ ^closed\ ([0-9]+) ]] || fail "a trickling request was never cut off"
[ "${BASH_REMATCH[1]}" -le 15 ] || fail "a trickling request was cut off only after $out s"
echo "ok: a trickling request is cut off"
