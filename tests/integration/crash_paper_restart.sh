#!/usr/bin/env bash
# Crash safety of `crew autonomous --paper` (engine issue, scenario 6): against fake_alpaca
# replaying synthetic bars faster than real time, crew is killed with SIGKILL at random moments and
# restarted each time. Afterwards: no client_order_id reached the broker twice, every order the
# broker holds is in the state store and every order the store marks sent is at the broker, the
# store's positions equal the broker's, and the last session reconciles and runs to its end.
# CRASH_KILLS (default 6), CRASH_SPEED (venue seconds per real second, default 1200) and
# CRASH_SEED tune it; scripts/crash-campaign.sh runs the long version.
source "$(dirname "$0")/common.sh"
KILLS=${CRASH_KILLS:-6}
RANDOM=${CRASH_SEED:-$$}
SPEED=${CRASH_SPEED:-1200}
source "$(dirname "$0")/paper.inc"

killed=0
for i in $(seq 1 "$KILLS"); do
  session --duration 7d >"$WORK_DIR/run-$i.jsonl" 2>"$WORK_DIR/run-$i.err" &
  pid=$!
  # 0.5 to 3 s of real time: tens of minutes to an hour of venue time.
  sleep "$((RANDOM % 3)).$((RANDOM % 10))5"
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"
    killed=$((killed + 1))
  fi
  wait "$pid" 2>/dev/null || true
  if grep -q 'reconciliation refused' "$WORK_DIR/run-$i.jsonl" "$WORK_DIR/run-$i.err"; then
    cat "$WORK_DIR/run-$i.err" >&2
    fail "restart $i refused to trade after a crash"
  fi
done
[ "$killed" -gt 0 ] || fail "no session was killed while running"
echo "ok: $killed sessions killed with SIGKILL and restarted"

# The last session runs to its end: it must reconcile cleanly and exit 0.
(session --duration 8h) >"$WORK_DIR/final.jsonl" 2>"$WORK_DIR/final.err" ||
  { cat "$WORK_DIR/final.err" >&2; fail "the session after the crashes failed"; }
echo "ok: the session after the crashes ran to its end"

check_invariants
