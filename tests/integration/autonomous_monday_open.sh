#!/usr/bin/env bash
# A --sim session that starts before a Monday open (Sunday 2026-11-29 15:00 New York) trades US
# equities at the open: the simulated exchange has had no equity price since Friday, and an order
# sent at 09:30 waits for the first one instead of being refused as an unknown asset.
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-29T20:00:00Z --duration 70200 --json >"$WORK_DIR/events.jsonl"
ev="$WORK_DIR/events.jsonl"
check "one switch to US_EQUITY at the Monday open" \
  '[.[] | select(.event == "market_switch" and .market == "US_EQUITY")] | length == 1 and .[0].time == "2026-11-30T14:30:00Z"' "$ev"
check "US orders placed on Monday" \
  '[.[] | select(.event == "order" and .market == "US_EQUITY" and .time >= "2026-11-30T14:30:00Z")] | length > 0' "$ev"
check "no order refused as an unknown asset" \
  '[.[] | select((.text // "") | test("could not find asset"))] | length == 0' "$ev"
crew orders --json >"$WORK_DIR/orders.json"
check "no US order rejected" \
  'first | [.[] | select(.status == "rejected" and (.symbol | test("/") | not))] | length == 0' "$WORK_DIR/orders.json"
