#!/usr/bin/env bash
# API calls are counted where requests are made (issue 12): after a short `crew autonomous
# --paper` session against fake_alpaca, `crew status --json` counts exactly the requests the fake
# served (its log has one line per request answered), with the same statuses; a `--sim` session
# in a home of its own records none, and status and report say that it was simulated.
source "$(dirname "$0")/common.sh"
SPEED=${SPEED:-1200}
source "$(dirname "$0")/paper.inc"

(session --duration 2h) >"$WORK_DIR/session.jsonl" 2>"$WORK_DIR/session.err" ||
  { tail -5 "$WORK_DIR/session.err" >&2; fail "the paper session failed"; }
# One logger line per request the fake answered: "fake_alpaca: GET /v2/clock -> 200". The fake
# logs after it has answered, so the last line may come a moment after crew has exited.
served_now() { grep -cE '^fake_alpaca: [A-Z]+ /.* -> [0-9]+$' "$WORK_DIR/fake_alpaca.log" || true; }
served=$(served_now)
for _ in 1 2 3 4 5; do
  sleep 0.5
  [ "$(served_now)" = "$served" ] && break
  served=$(served_now)
done
[ "$served" -gt 10 ] || fail "fake_alpaca served only $served requests"
crew status --json >"$WORK_DIR/status.json"
counted=$(jq '.api_calls_24h' "$WORK_DIR/status.json")
assert_eq "$served" "$counted" "API calls in crew status against requests fake_alpaca served"
assert_eq false "$(jq '.api_calls_simulated' "$WORK_DIR/status.json")" "api_calls_simulated"
echo "ok: crew status counts the $served requests fake_alpaca served"

# The same requests one by one: method and status of each, as the fake logged and crew stored them.
python3 - "$WORK_DIR/fake_alpaca.log" "$CREW_HOME/state/state.db" <<'PY'
import collections, re, sqlite3, sys
served = collections.Counter()
for line in open(sys.argv[1]):
    m = re.match(r"^fake_alpaca: ([A-Z]+) /\S* -> (\d+)$", line.rstrip("\n"))
    if m:
        served[(m.group(1), int(m.group(2)))] += 1
db = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
stored = collections.Counter()
for endpoint, status in db.execute("SELECT endpoint, http_status FROM api_calls"):
    stored[(endpoint.split(" ")[0], status)] += 1
    if "?" in endpoint or "SECRET" in endpoint.upper() or "KEY" in endpoint.upper():
        sys.exit(f"an API call record carries more than method and path: {endpoint!r}")
if served != stored:
    sys.exit(f"per method and status: fake_alpaca served {dict(served)}, crew stored {dict(stored)}")
print(f"ok: the same methods and statuses ({len(served)} kinds)")
PY
crew status >"$WORK_DIR/status.txt"
grep -qE "^  API calls \(24 h\) +$served \(" "$WORK_DIR/status.txt" ||
  { cat "$WORK_DIR/status.txt" >&2; fail "the status text does not show $served API calls"; }

# --sim makes no request, so it records no API call, and says so.
SIM_HOME="$WORK_DIR/sim_home"
sim() { env -u APCA_API_KEY_ID -u APCA_API_SECRET_KEY "$CREW_BIN" --home "$SIM_HOME" \
  --log-level warn "$@"; }
sim autonomous --sim --start 2026-11-18T20:50:00Z --duration 2h >"$WORK_DIR/sim.txt" ||
  fail "the sim session failed"
sim status --json >"$WORK_DIR/sim_status.json"
assert_eq 0 "$(jq '.api_calls_24h' "$WORK_DIR/sim_status.json")" "API calls of a --sim session"
assert_eq true "$(jq '.api_calls_simulated' "$WORK_DIR/sim_status.json")" "api_calls_simulated"
sim status >"$WORK_DIR/sim_status.txt"
grep -qE '^  API calls \(24 h\) +0 \(simulated session: no requests\)$' "$WORK_DIR/sim_status.txt" ||
  { cat "$WORK_DIR/sim_status.txt" >&2; fail "the status text does not say the session was simulated"; }
sim report --json >"$WORK_DIR/sim_report.json"
assert_eq "0 true" "$(jq -r '"\(.operations.api_calls) \(.operations.api_calls_simulated)"' \
  "$WORK_DIR/sim_report.json")" "API calls in crew report of a --sim session"
echo "ok: a --sim session records no API call and status and report say it was simulated"
