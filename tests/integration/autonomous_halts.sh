#!/usr/bin/env bash
# Halts end to end: the emergency stop (crew stop / crew resume), the daily loss limit and the
# drawdown halt, the last two forced by tiny limits in a configuration file.
source "$(dirname "$0")/autonomous.inc"
ev="$WORK_DIR/events.jsonl"

# 1. Emergency stop: set before the loop runs, noticed on its first tick; no order until resume.
crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 30m --json >/dev/null
crew stop --flatten >/dev/null
crew autonomous --sim --duration 2h --json >"$ev"
check "halt noticed" '[.[] | select(.event == "halt")] | length == 1' "$ev"
check "no entry while halted" '[.[] | select(.event == "order" and (.text | startswith("entry")))] | length == 0' "$ev"
crew status --json >"$WORK_DIR/status.json"
check "halted in status, flat" 'first | .halted and .open_positions == 0' "$WORK_DIR/status.json"
crew resume >/dev/null
crew autonomous --sim --duration 3h --json >"$ev"
check "trading again after resume" '[.[] | select(.event == "order")] | length > 0' "$ev"

# 2. Daily loss: a limit no trade can stay under refuses new entries and closes the market.
export CREW_HOME="$WORK_DIR/home-loss"
printf '[risk]\ndaily_loss_limit_crypto = 0.0001\ndaily_loss_limit_us_equity = 0.0001\n' >"$WORK_DIR/loss.toml"
crew --config "$WORK_DIR/loss.toml" autonomous --sim --start 2026-11-18T22:00:00Z --duration 6h --json >"$ev"
check "daily loss alert" '[.[] | select(.event == "alert" and (.text | test("daily loss"; "i")))] | length > 0' "$ev"

# 3. Drawdown: a tiny limit halts and closes everything.
export CREW_HOME="$WORK_DIR/home-dd"
printf '[risk]\nmax_drawdown = 0.0001\n' >"$WORK_DIR/dd.toml"
crew --config "$WORK_DIR/dd.toml" autonomous --sim --start 2026-11-18T22:00:00Z --duration 6h --json >"$ev"
check "drawdown halt" '[.[] | select(.event == "halt" and (.text | test("high-water mark")))] | length == 1' "$ev"
crew --config "$WORK_DIR/dd.toml" status --json >"$WORK_DIR/status.json"
check "halted, flat" 'first | .halted and .open_positions == 0' "$WORK_DIR/status.json"
