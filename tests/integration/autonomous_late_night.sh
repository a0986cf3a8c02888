#!/usr/bin/env bash
# Late night (Thursday 2026-11-19 00:00–06:00 UTC... quiet hours 04:00–12:00 UTC): crypto is
# scanned every 30 minutes and the risk limits hold (never more than 3 open positions).
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-19T04:00:00Z --duration 6h --json >"$WORK_DIR/events.jsonl"
ev="$WORK_DIR/events.jsonl"
check "only CRYPTO is scanned" '[.[] | select(.event == "scan") | .market] | unique == ["CRYPTO"]' "$ev"
all_gaps "$ev" CRYPTO 1800
crew status --json >"$WORK_DIR/status.json"
check "at most 3 open positions ever" 'first | .max_open_positions_seen <= 3' "$WORK_DIR/status.json"
check "not halted" 'first | .halted == false' "$WORK_DIR/status.json"
