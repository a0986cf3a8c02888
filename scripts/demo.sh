#!/usr/bin/env bash
# The embedded default job of `make demo`: no keys, no network, a fresh home under build/.
set -euo pipefail
crew=${1:?usage: demo.sh CREW_BINARY HOME_DIR}
home=${2:?usage: demo.sh CREW_BINARY HOME_DIR}
rm -rf "$home"
mkdir -p "$home"
export CREW_HOME="$home"
unset CREW_CONFIG APCA_API_KEY_ID APCA_API_SECRET_KEY

if "$crew" autonomous --help >/dev/null 2>&1; then
  echo "== A simulated 24-hour autonomous session on synthetic markets (no keys, no network) =="
  "$crew" autonomous --sim --duration 24h
  echo
  "$crew" status
  exit 0
fi

echo "== Asset classes =="
"$crew" classify AAPL BTC/USD EUR/USD BTCUSD brk.b || true
echo
if "$crew" calendar --help >/dev/null 2>&1; then
  echo "== NYSE sessions around Thanksgiving 2026 =="
  "$crew" calendar --market US_EQUITY --from 2026-11-23 --days 10
  echo
  echo "== Which markets are open on 2026-07-03 15:00 UTC =="
  "$crew" calendar --at 2026-07-03T15:00:00Z
fi
