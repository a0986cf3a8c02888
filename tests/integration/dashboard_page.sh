#!/usr/bin/env bash
# The dashboard page in headless Chromium: it shows the current market and the open positions of
# a simulated session, and its stop button halts trading (checked through /api/status and the
# store via `crew status`). Opened without the token, the button is refused and the page asks
# for it (a wrong one is refused too); opened as URL#token=TOKEN (the token crew keeps in the
# home), the button stops the loop. The session is a paced `crew autonomous --sim --http` when that
# exists, else a finished simulation served by `crew serve`. Skips (exit 77) when Chromium, node
# or the npm packages of scripts/install-deps.sh are missing.
CREW_WEB_DIR="$(cd "$(dirname "$0")/../.." && pwd)/third_party/web"
export CREW_WEB_DIR
for need in /usr/bin/chromium "$CREW_WEB_DIR/node_modules/playwright-core" \
  "$CREW_WEB_DIR/node_modules/lightweight-charts"; do
  if [ ! -e "$need" ]; then
    echo "SKIP: $need is missing (run scripts/install-deps.sh)"
    exit 77
  fi
done
command -v node >/dev/null || { echo "SKIP: node is missing (run scripts/install-deps.sh)"; exit 77; }
source "$(dirname "$0")/autonomous.inc"

source "$(dirname "$0")/dashboard.inc"

if "$CREW_BIN" autonomous --help | grep -q -- '--http'; then
  # A live session: a simulated evening at 3600 simulated seconds per second, with its dashboard.
  start_server "$WORK_DIR/autonomous.out" autonomous --sim --start 2026-11-18T22:00:00Z \
    --duration 24h --pace 3600 --http 127.0.0.1:0 --web-dir "$CREW_WEB_DIR"
  for _ in $(seq 200); do
    [ "$(curl -s "${url}api/positions" | jq '.positions | length')" -gt 0 ] && break
    sleep 0.1
  done
  node "$(dirname "$0")/dashboard_page.mjs" "$url" "$(the_token)" "$WORK_DIR/dashboard.png"
  for _ in $(seq 200); do
    [ "$(curl -s "${url}api/positions" | jq '.positions | length')" -eq 0 ] && break
    sleep 0.1
  done
  [ "$(curl -s "${url}api/positions" | jq '.positions | length')" -eq 0 ] ||
    fail "the loop did not close its positions after the stop button"
  echo "ok: the running loop flattened and halted"
  kill "$server_pid"
  wait "$server_pid" || true
else
  # A simulated evening of crypto trading that ends with positions open, then `crew serve`.
  crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 5h --json >"$WORK_DIR/events.jsonl"
  crew status --json >"$WORK_DIR/before.json"
  check "session left positions open" '.[0].open_positions > 0 and (.[0].halted | not)' "$WORK_DIR/before.json"
  start_server "$WORK_DIR/serve.out" serve --http 127.0.0.1:0 --web-dir "$CREW_WEB_DIR"
  node "$(dirname "$0")/dashboard_page.mjs" "$url" "$(the_token)" "$WORK_DIR/dashboard.png"
  kill "$server_pid"
  wait "$server_pid" || fail "crew serve did not stop cleanly on SIGTERM"
  grep -q '^dashboard stopped' "$WORK_DIR/serve.out" || fail "crew serve did not say it stopped"
  echo "ok: crew serve stopped on SIGTERM"
  # The next tick of the loop notices the page's stop: it halts and sends an exit for every
  # position (the stop asked to flatten) and no entry.
  crew autonomous --sim --duration 30m --json >"$WORK_DIR/after-stop.jsonl"
  check "the loop halted on the page's stop" '[.[] | select(.event == "halt" and (.text | test("dashboard stop")))] | length == 1' "$WORK_DIR/after-stop.jsonl"
  positions=$(jq '.open_positions' "$WORK_DIR/before.json")
  check "an exit for each of the $positions positions, no entry" "[.[] | select(.event == \"order\") | .text] | (map(select(test(\"stop_all\"))) | length == $positions) and (map(select(startswith(\"entry\"))) | length == 0)" "$WORK_DIR/after-stop.jsonl"
fi

crew status --json >"$WORK_DIR/after.json"
check "store halted by the page's stop button" '.[0].halted and (.[0].halt_reason | startswith("dashboard stop"))' "$WORK_DIR/after.json"
