#!/usr/bin/env bash
# The long crash campaign of docs/reliability.md: tests/integration/crash_paper_restart.sh with 50
# SIGKILLs of `crew autonomous --paper` over about a simulated week of fake_alpaca replay (not
# part of ctest: it runs for several minutes). Usage: scripts/crash-campaign.sh [BUILD_DIR]
# Environment: CRASH_KILLS (50), CRASH_SPEED (venue seconds per real second, 3600),
# CRASH_SEED (random).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/dev}
export CREW_BIN="$build/src/app/crew"
export FAKE_ALPACA_BIN="$build/tools/fake_alpaca/fake_alpaca"
for bin in "$CREW_BIN" "$FAKE_ALPACA_BIN"; do
  [ -x "$bin" ] || { echo "crash-campaign: $bin not built (make build)" >&2; exit 2; }
done
export CRASH_KILLS=${CRASH_KILLS:-50}
export CRASH_SPEED=${CRASH_SPEED:-3600}
export CRASH_SEED=${CRASH_SEED:-$RANDOM}
echo "crash campaign: $CRASH_KILLS kills at speed $CRASH_SPEED, seed $CRASH_SEED"
time bash tests/integration/crash_paper_restart.sh
