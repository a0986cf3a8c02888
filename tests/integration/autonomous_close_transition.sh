#!/usr/bin/env bash
# The close transition (Wednesday 2026-11-18 15:00–16:30 New York): at 15:55 every US position
# is closed, at 16:00 crypto is scanned and traded, and all of it is in the state store.
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-18T20:00:00Z --duration 90m --json >"$WORK_DIR/events.jsonl"
ev="$WORK_DIR/events.jsonl"
check "crypto scanned from 16:00" \
  '[.[] | select(.event == "scan" and .market == "CRYPTO")] | length > 0 and all(.time >= "2026-11-18T21:00:00Z")' "$ev"
check "crypto traded" '[.[] | select(.event == "order" and .market == "CRYPTO")] | length > 0' "$ev"
crew status --json >"$WORK_DIR/status.json"
check "no US position after the close" 'first | .positions | all(.symbol | test("/"))' "$WORK_DIR/status.json"
check "the switch is persisted" 'first | .last_market_switch.time == "2026-11-18T21:00:00Z"' "$WORK_DIR/status.json"
crew orders --json >"$WORK_DIR/orders.json"
check "orders persisted and sent" 'first | length > 0 and all(.sent)' "$WORK_DIR/orders.json"
check "US exits at 15:55 are session closes" \
  'first | [.[] | select((.symbol | test("/") | not) and .purpose == "exit" and .created_at >= "2026-11-18T20:55:00Z")] | all(.reason == "session_close")' "$WORK_DIR/orders.json"
