#!/usr/bin/env bash
# Order POSTs answered after crew's 800 ms timeout gave up (held 3.5 s by a proxy): each order's
# grace period (600 venue seconds, half a second at this speed) runs out before it reaches the broker, so it
# is settled as never placed, and its late fill reopens it and books it (late_answers.inc).
CREW_TIMEOUT_MS=800
HOLD_SECONDS=3.5
GRACE_SECONDS=600
HELD_POSTS=2
SPEED=1200
DURATION=8h
source "$(dirname "$0")/late_answers.inc"
