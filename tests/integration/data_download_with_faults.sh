#!/usr/bin/env bash
# `crew data download` against fake_alpaca failing 20% of requests with 429/500/503 gets exactly
# the bars fake_alpaca serves, across many page boundaries, for stocks and crypto; a second run
# finds nothing missing and fetches no bars.
source "$(dirname "$0")/common.sh"

DATA="$WORK_DIR/data"
mkdir -p "$DATA/crypto/1h" "$DATA/us_equity/1h"
# 2024-01-01T00:00:00Z = 1704067200. Crypto hourly around the clock; equities hourly on weekdays
# 14:00-20:00Z (gaps as real sessions have).
gen_bars "$DATA/crypto/1h/BTC-USD.csv" 1704067200 3600 700 42000
gen_bars "$DATA/crypto/1h/ETH-USD.csv" 1704070800 3600 650 2300
gen_bars "$DATA/crypto/1h/SOL-USDT.csv" 1704067200 7200 300 100
awk -v base=185 'BEGIN { CONVFMT = "%.10g";
  print "timestamp,open,high,low,close,volume";
  for (d = 0; d < 40; d++) for (h = 14; h <= 20; h++) {
    t = 1704067200 + d * 86400 + h * 3600; dow = strftime("%u", t, 1);
    if (dow > 5) continue;
    i++; o = base + (i % 11) * 0.5; c = o + 0.25;
    printf "%s,%s,%s,%s,%s,%d\n", strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), o, c + 1, o - 1, c, 1000 + i;
  } }' >"$DATA/us_equity/1h/AAPL.csv"
sed 's/,185/,186/' "$DATA/us_equity/1h/AAPL.csv" >"$DATA/us_equity/1h/MSFT.csv"

start_fake --data "$DATA" --fail-rate 0.2 --seed 7

crew data download --symbols BTC/USD,ETH/USD,SOL/USDT,AAPL,MSFT --timeframe 1Hour \
  --start 2024-01-01 --end 2024-02-29 --limit 97 --json >"$WORK_DIR/first.json"

retries=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["retries"])' "$WORK_DIR/first.json")
[ "$retries" -gt 0 ] || fail "no retries: the fault injection did not bite"
grep -q ' -> 429' "$WORK_DIR/fake_alpaca.log" || fail "no 429 in the fake's log"
grep -q ' -> 500' "$WORK_DIR/fake_alpaca.log" || fail "no 500 in the fake's log"
grep -q 'page_token=' "$WORK_DIR/fake_alpaca.log" || fail "no paged request in the fake's log"

for pair in "BTC/USD:crypto/1h/BTC-USD" "ETH/USD:crypto/1h/ETH-USD" "SOL/USDT:crypto/1h/SOL-USDT" \
  "AAPL:us_equity/1h/AAPL" "MSFT:us_equity/1h/MSFT"; do
  symbol=${pair%%:*}
  source_csv="$DATA/${pair#*:}.csv"
  out="$WORK_DIR/export-${symbol//\//-}.csv"
  crew data export --symbol "$symbol" --timeframe 1Hour --out "$out" 2>/dev/null
  assert_files_equal "$source_csv" "$out"
done

crew data download --symbols BTC/USD,ETH/USD,SOL/USDT,AAPL,MSFT --timeframe 1Hour \
  --start 2024-01-01 --end 2024-02-29 --json >"$WORK_DIR/second.json"
bars=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["bars"])' "$WORK_DIR/second.json")
assert_eq 0 "$bars" "bars fetched by a rerun"
echo "ok: $TEST_NAME (retries: $retries)"
