#!/usr/bin/env bash
# `crew indicators`: the per-bar columns from a CSV file, empty while undefined, full precision in
# --csv, null in --json, the --start/--end window (indicators warm up from its first bar), and one
# line with exit 2 on bad input.
source "$(dirname "$0")/common.sh"
cd "$WORK_DIR"

# Closes 1..40 one hour apart, high = close + 0.5, low = close - 0.5.
{
  echo "timestamp,open,high,low,close,volume"
  for i in $(seq 1 40); do
    printf '2024-01-%02dT%02d:00:00Z,%d,%d.5,%d.5,%d,100\n' $((1 + (i - 1) / 24)) $(((i - 1) % 24)) \
      "$i" "$i" $((i - 1)) "$i"
  done
} >bars.csv

crew indicators --symbol BTC/USD --timeframe 1Hour --data bars.csv --csv >out.csv
assert_eq "timestamp,sma10,ema12,rsi14,macd,macd_signal,bb_mid,bb_up,bb_lo,atr14" \
  "$(head -1 out.csv)" "header"
assert_eq 41 "$(wc -l <out.csv)" "one row per bar"
assert_eq "2024-01-01T00:00:00Z,,,,,,,,," "$(sed -n 2p out.csv)" "first bar undefined"
# SMA10 of 1..10 = 5.5 at the 10th bar; nothing else defined yet.
assert_eq "2024-01-01T09:00:00Z,5.5,,,,,,,," "$(sed -n 11p out.csv)" "sma10 at index 9"
# 15th bar: EMA12 keeps a linear series 5.5 behind its newest value; RSI14 100 with no losses;
# every true range is |high - previous close| = 1.5, so ATR14 = 1.5.
assert_eq "2024-01-01T14:00:00Z,10.5,9.5,100,,,,,,1.5" "$(sed -n 16p out.csv)" "index 14"
# 20th bar: Bollinger middle 10.5, population sigma of 1..20 = sqrt(33.25), upper 10.5 + 2 sigma.
row=$(sed -n 21p out.csv)
assert_eq "10.5" "$(echo "$row" | cut -d, -f7)" "bb_mid"
assert_eq "22.032562594670797" "$(echo "$row" | cut -d, -f8)" "bb_up"

# --start restarts the warm-up at its first bar.
crew indicators --symbol BTC/USD --timeframe 1Hour --data bars.csv --start 2024-01-02 --csv >late.csv
assert_eq 17 "$(wc -l <late.csv)" "bars from 2024-01-02"
assert_eq "2024-01-02T09:00:00Z,29.5,,,,,,,," "$(sed -n 11p late.csv)" "warm-up from --start"

crew indicators --symbol BTC/USD --timeframe 1Hour --data bars.csv --json >out.json
assert_contains out.json '"sma10": null'
assert_contains out.json '"sma10": 5.5'

crew indicators --symbol BTC/USD --timeframe 1Hour --data bars.csv >table.txt
assert_contains table.txt "timestamp"
assert_contains table.txt "5.5"

status=0
crew indicators --symbol 'btc/' --data bars.csv 2>err.txt >/dev/null || status=$?
assert_eq 2 "$status" "bad symbol exit code"
assert_eq 1 "$(wc -l <err.txt)" "one error line"
status=0
crew indicators --symbol BTC/USD --timeframe 1Hour --data bars.csv --start 2024-02-01 \
  --end 2024-01-01 2>err.txt >/dev/null || status=$?
assert_eq 2 "$status" "impossible range exit code"
assert_contains err.txt "--start"
