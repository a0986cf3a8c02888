#!/usr/bin/env bash
# A --sim session over real imported bars trades only prices of those bars (issue 12): with the
# Binance and IBKR CSVs of ../shared/data imported (USDT-quoted crypto with 1Min windows, equities
# in 5Min with NVDA's 1Min too), a five-day session trades what the store holds, and every fill is
# the open of a CSV bar at the fill's time, moved by the profile's slippage; every trade carries
# its fills' prices. Skips (77) when ../shared/data is absent, as on a user's clone.
source "$(dirname "$0")/autonomous.inc"
DATA="${CREW_SHARED_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)/shared}/data"
if [ ! -f "$DATA/crypto/1h/BTC-USDT.csv" ]; then
  echo "skipped: the real market data of ../shared/data is absent ($DATA)"
  trap - EXIT
  rm -rf "$WORK_DIR"
  exit 77
fi
crew data import "$DATA"/crypto/1h/{BTC,ETH,SOL}-USDT.csv "$DATA"/crypto/1m/{BTC,ETH}-USDT.csv \
  "$DATA"/us_equity/5m/{AAPL,MSFT,NVDA}.csv "$DATA"/us_equity/1m/NVDA.csv >/dev/null
crew autonomous --sim --start 2026-01-26T00:00:00Z --duration 5d >"$WORK_DIR/run.txt"
grep -Eq '^  BTC/USDT +signals: stored BTC/USDT 1Hour bars; fills: stored BTC/USDT 1Min bars' \
  "$WORK_DIR/run.txt" || fail "BTC/USDT replay: $(head -9 "$WORK_DIR/run.txt")"
grep -Eq '^  NVDA +signals: stored NVDA 5Min bars as 15Min; fills: stored NVDA 1Min bars' \
  "$WORK_DIR/run.txt" || fail "NVDA replay: $(head -9 "$WORK_DIR/run.txt")"
[ "$(grep -Ec '^  [A-Z/.]+ +signals:' "$WORK_DIR/run.txt")" -eq 6 ] ||
  fail "not the six stored symbols: $(head -9 "$WORK_DIR/run.txt")"
python3 "$(dirname "$0")/sim_prices_from_csv.py" "$CREW_HOME/state/state.db" "$DATA" \
  >"$WORK_DIR/prices.txt" || fail "a price that is not in the CSVs: $(grep -v '^ok' "$WORK_DIR/prices.txt")"
tail -1 "$WORK_DIR/prices.txt"
