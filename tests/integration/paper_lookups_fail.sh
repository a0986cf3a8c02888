#!/usr/bin/env bash
# The fault sequence behind faults_paper_session's failures, created on purpose instead of by luck
# (issue "make test fails", part 3): every look-up of an order by client_order_id fails (503 from
# a proxy), while the orders' fills still come through the activity feed. Before the fix the store
# kept each fill beside an order still "new" with 0 filled, and the position, mirrored from the
# broker, had no strategy. Every order must be settled from its fills alone.
source "$(dirname "$0")/common.sh"
SPEED=1200
source "$(dirname "$0")/paper.inc"
start_proxy --fail "GET /v2/orders:by_client_order_id 503 0"
(session --duration 8h) >"$WORK_DIR/session.jsonl" 2>"$WORK_DIR/session.err" ||
  { tail -5 "$WORK_DIR/session.err" >&2; fail "the session failed"; }
# Orders must have been placed (the invariants refuse a session without one); their look-ups are
# refused whenever crew asks (before the fix it asked every tick; now the fills settle most orders
# before a look-up is due).
failed=$(grep -c 'failed 503: GET /v2/orders:by_client_order_id' "$WORK_DIR/fault_proxy.log" || true)
answered=$(grep -c 'GET /v2/orders:by_client_order_id.* -> 200' "$WORK_DIR/fault_proxy.log" || true)
[ "$answered" -eq 0 ] || fail "$answered order look-ups got through the proxy"
echo "ok: every order look-up refused ($failed asked)"
open=$(sqlite3 "$CREW_HOME/state/state.db" \
  "SELECT count(*) FROM orders WHERE status NOT IN ('filled', 'canceled', 'expired', 'rejected', 'replaced')")
echo "orders still open in the store: $open"
check_invariants
