#!/usr/bin/env bash
# The evening (Wednesday 2026-11-18 14:00–19:00 New York): US positions are closed by 15:55,
# the loop switches to crypto at 16:00, scans it every 15 minutes (busy window) and trades it.
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-18T19:00:00Z --duration 5h --json >"$WORK_DIR/events.jsonl"
ev="$WORK_DIR/events.jsonl"
check "one switch to CRYPTO at 16:00 New York" \
  '[.[] | select(.event == "market_switch")] | length == 1 and .[0].market == "CRYPTO" and .[0].time == "2026-11-18T21:00:00Z"' "$ev"
all_gaps "$ev" CRYPTO 900
check "crypto orders placed" '[.[] | select(.event == "order" and .market == "CRYPTO")] | length > 0' "$ev"
check "no US order after 15:55" \
  '[.[] | select(.event == "order" and .market == "US_EQUITY" and .time >= "2026-11-18T20:56:00Z")] | length == 0' "$ev"
crew trades --market US_EQUITY --json >"$WORK_DIR/us.json"
check "US trades exit by 15:55" 'first | all(.exit_time <= "2026-11-18T20:55:00Z")' "$WORK_DIR/us.json"
crew status --json >"$WORK_DIR/status.json"
check "no US position left" 'first | .positions | all(.symbol | test("/"))' "$WORK_DIR/status.json"
