#!/usr/bin/env bash
# The dashboard page in headless Chromium: after a simulated session, `crew serve` serves its
# store; the page shows the current market and the open positions, and its stop button halts
# trading (checked through /api/status and the store via `crew status`). Skips (exit 77) when
# Chromium, node or the npm packages of scripts/install-deps.sh are missing.
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

# A simulated evening of crypto trading that ends with positions open.
crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 5h --json >"$WORK_DIR/events.jsonl"
crew status --json >"$WORK_DIR/before.json"
check "session left positions open" '.[0].open_positions > 0 and (.[0].halted | not)' "$WORK_DIR/before.json"

# The binary itself in the background (not the crew function, whose subshell would hide it).
"$CREW_BIN" --home "$CREW_HOME" --log-level warn serve --http 127.0.0.1:0 --web-dir "$CREW_WEB_DIR" \
  >"$WORK_DIR/serve.out" 2>"$WORK_DIR/serve.err" &
serve_pid=$!
trap 'rc=$?; kill $serve_pid 2>/dev/null || true; wait $serve_pid 2>/dev/null || true; (exit $rc); cleanup' EXIT
for _ in $(seq 100); do
  grep -q '^dashboard on ' "$WORK_DIR/serve.out" && break
  kill -0 $serve_pid 2>/dev/null || { cat "$WORK_DIR/serve.err" >&2; fail "crew serve exited"; }
  sleep 0.1
done
url=$(sed -n 's/^dashboard on \(http[^ ]*\).*/\1/p' "$WORK_DIR/serve.out")
[ -n "$url" ] || fail "crew serve printed no address"
echo "ok: serving $url"

node "$(dirname "$0")/dashboard_page.mjs" "$url" "$WORK_DIR/dashboard.png"

crew status --json >"$WORK_DIR/after.json"
check "store halted by the page's stop button" '.[0].halted and (.[0].halt_reason | startswith("dashboard stop"))' "$WORK_DIR/after.json"
kill "$serve_pid"
wait "$serve_pid" || fail "crew serve did not stop cleanly on SIGTERM"
grep -q '^dashboard stopped' "$WORK_DIR/serve.out" || fail "crew serve did not say it stopped"
echo "ok: crew serve stopped on SIGTERM"
