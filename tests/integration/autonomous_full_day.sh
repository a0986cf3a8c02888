#!/usr/bin/env bash
# A full simulated day from Wednesday 2026-11-18 15:50 New York: trades in both markets, 100%
# uptime, no API call (a simulation sends no request), no duplicate client_order_id, at most 3
# open positions.
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-18T20:50:00Z --duration 24h --json >"$WORK_DIR/events.jsonl"
crew status --json >"$WORK_DIR/status.json"
st="$WORK_DIR/status.json"
check "trades in US_EQUITY" 'first | .by_market.US_EQUITY.trades > 0' "$st"
check "trades in CRYPTO" 'first | .by_market.CRYPTO.trades > 0' "$st"
check "uptime 100%" 'first | .uptime_pct == 100' "$st"
check "no API call in a simulation, and status says so" \
  'first | .api_calls_24h == 0 and .api_calls_simulated' "$st"
check "at most 3 open positions" 'first | .max_open_positions_seen <= 3' "$st"
check "two market switches" 'first | .last_market_switch.time == "2026-11-19T14:30:00Z"' "$st"
crew orders --json >"$WORK_DIR/orders.json"
check "no duplicate client_order_id" 'first | (map(.client_order_id) | length) == (map(.client_order_id) | unique | length)' "$WORK_DIR/orders.json"
