#!/usr/bin/env bash
# US hours (Wednesday 2026-11-18 10:00–13:00 New York): only US equities are scanned and traded,
# every 5 minutes, and no crypto entry is made.
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-18T15:00:00Z --duration 3h --json >"$WORK_DIR/events.jsonl"
ev="$WORK_DIR/events.jsonl"
check "the run ended with a summary" 'map(select(.summary)) | length == 1' "$ev"
check "only US_EQUITY is scanned" '[.[] | select(.event == "scan") | .market] | unique == ["US_EQUITY"]' "$ev"
all_gaps "$ev" US_EQUITY 300
check "orders were placed" '[.[] | select(.event == "order")] | length > 0' "$ev"
check "no crypto order" '[.[] | select(.event == "order" and .market == "CRYPTO")] | length == 0' "$ev"
crew orders --json >"$WORK_DIR/orders.json"
check "every stored order is a US equity" 'first | all(.symbol | test("/") | not)' "$WORK_DIR/orders.json"
