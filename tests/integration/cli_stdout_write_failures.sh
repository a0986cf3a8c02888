#!/usr/bin/env bash
# Output that could not be written is a failure (issue 16): every command that prints data, with
# standard output on /dev/full (the disk is full), exits 1 with one line on stderr instead of 0;
# `data export --out` a file it cannot write, too.
source "$(dirname "$0")/common.sh"
cd "$WORK_DIR"
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 77; }
mkdir -p 1h
gen_bars 1h/BTC-USDT.csv 1704067200 3600 2000 42000
crew data import 1h/BTC-USDT.csv >/dev/null

commands=(
  "data export --symbol BTC/USDT --timeframe 1Hour"
  "data list"
  "data list --json"
  "data stats --symbols BTC/USDT --timeframe 1Hour"
  "classify AAPL BTC/USD EUR/USD"
  "calendar --from 2024-01-01 --days 400"
  "calendar --from 2024-01-01 --days 400 --csv"
  "config"
  "config --json"
  "indicators --symbol BTC/USDT --timeframe 1Hour"
  "backtest --symbol BTC/USDT --strategy rsi --timeframe 1Hour --json"
)
for command in "${commands[@]}"; do
  status=0
  # shellcheck disable=SC2086
  crew $command >/dev/full 2>err.txt || status=$?
  assert_eq 1 "$status" "exit code of '$command' > /dev/full"
  assert_eq 1 "$(wc -l <err.txt | tr -d ' ')" "stderr lines of '$command' > /dev/full"
  assert_contains err.txt "^crew: cannot write to standard output"
  # The same command with somewhere to write succeeds.
  # shellcheck disable=SC2086
  crew $command >out.txt 2>err.txt || fail "'$command' failed: $(cat err.txt)"
  [ -s out.txt ] || fail "'$command' printed nothing"
done

status=0
crew data export --symbol BTC/USDT --timeframe 1Hour --out /dev/full 2>err.txt || status=$?
assert_eq 1 "$status" "exit code of data export --out /dev/full"
assert_contains err.txt "^crew: cannot write (/dev/full)"
echo "ok: $TEST_NAME (${#commands[@]} commands)"
