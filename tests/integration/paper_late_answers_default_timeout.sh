#!/usr/bin/env bash
# Order POSTs answered after crew's default 10 s timeout gave up (held 13 s by a proxy): each order
# stays "unknown" within its grace period, is looked up every tick, and is adopted when the broker
# has it (late_answers.inc).
CREW_TIMEOUT_MS=10000
HOLD_SECONDS=13
GRACE_SECONDS=14400
HELD_POSTS=1
SPEED=300
DURATION=4h
source "$(dirname "$0")/late_answers.inc"
