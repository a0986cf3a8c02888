#!/usr/bin/env bash
# Fault tolerance of `crew autonomous --paper` (reliability issue, fault campaign): fake_alpaca
# answers 15% of requests with 429/500/503, drops 5% of connections, garbles 5% of bodies and
# handles 5% at once but answers them only after crew's 800 ms timeout (an order placed whose
# answer never came), and holds the account to 200 requests a minute: 30% of requests fail. The
# session must run to its end, never overfill the fake's rate window, and leave no order
# duplicated or lost (paper_invariants.py).
# FAULT_SEED picks the fault sequence.
source "$(dirname "$0")/common.sh"
SPEED=${FAULT_SPEED:-300}
FAKE_RATE_LIMIT=200
CREW_RPM=200
CREW_TIMEOUT_MS=800
FAKE_ARGS="--fail-rate 0.15 --drop-rate 0.05 --malformed-rate 0.05 --slow-rate 0.05 --slow-ms 1500
  --seed ${FAULT_SEED:-11}"
source "$(dirname "$0")/paper.inc"

(session --duration 4h) >"$WORK_DIR/session.jsonl" 2>"$WORK_DIR/session.err" ||
  { tail -5 "$WORK_DIR/session.err" >&2; fail "the session did not survive the faults"; }
echo "ok: the session ran to its end through the faults"
injected=$(grep -cE ' -> (429|500|503)$' "$WORK_DIR/fake_alpaca.log" || true)
[ "$injected" -ge 5 ] || fail "only $injected faults injected: the campaign did not bite"
slow=$(grep -c 'slow answer' "$WORK_DIR/fake_alpaca.log" || true)
echo "ok: $injected error answers and $slow answers past the timeout injected"
if grep -q 'rate window full' "$WORK_DIR/fake_alpaca.log"; then
  grep 'rate window full' "$WORK_DIR/fake_alpaca.log" | head -3 >&2
  fail "crew exceeded 200 requests in a minute"
fi
echo "ok: the fake's rate window was never exceeded"
check_invariants
