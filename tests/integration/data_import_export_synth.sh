#!/usr/bin/env bash
# `crew data import|export|list|synth`: export after import gives back the same rows, a bad file
# imports nothing and names file:line with exit 2, synth is deterministic and lists its series.
source "$(dirname "$0")/common.sh"
cd "$WORK_DIR"
mkdir -p 1h
gen_bars 1h/BTC-USDT.csv 1704067200 3600 500 42000
gen_bars 1h/BRK-B.csv 1704205800 86400 20 350

# Symbol and timeframe from the path; export returns the same text.
crew data import 1h/BTC-USDT.csv 1h/BRK-B.csv >import.txt
assert_contains import.txt "imported 500 1Hour bars of BTC/USDT"
assert_contains import.txt "bars of BRK.B"
crew data export --symbol BTC/USDT --timeframe 1Hour --out exported.csv
assert_files_equal 1h/BTC-USDT.csv exported.csv

# --start/--end: whole days, the end day included (2024-01-02 00:00 to 2024-01-03 23:00).
crew data export --symbol BTC/USDT --timeframe 1h --start 2024-01-02 --end 2024-01-03 >days.csv
assert_eq 49 "$(wc -l <days.csv | tr -d ' ')" "header + 48 hourly rows"

# A bad row in the second file: nothing from either file is stored.
gen_bars 1h/ETH-USD.csv 1704067200 3600 10 2000
cp 1h/ETH-USD.csv 1h/SOL-USD.csv
sed -i '5s/,[0-9.]*$/,-3/' 1h/SOL-USD.csv
set +e
crew data import 1h/ETH-USD.csv 1h/SOL-USD.csv 2>err.txt
status=$?
set -e
assert_eq 2 "$status" "exit code of a bad import"
assert_contains err.txt "crew: 1h/SOL-USD.csv:5: negative volume -3"
crew data list --json >list.json
if grep -q "ETH/USD" list.json; then fail "a failed import stored bars"; fi

# Synth: deterministic by seed, equities only in sessions, listed with no gaps, kept apart from
# the real bars (synthetic.db): export and backtest read them only with --synthetic.
crew data synth --symbols BTC/USD,AAPL --timeframe 1Hour --start 2024-03-04 --end 2024-03-08 \
  --seed 7 >synth.txt
assert_contains synth.txt "synthesized 120 1Hour bars of BTC/USD"
assert_contains synth.txt "synthesized 35 1Hour bars of AAPL"
assert_contains synth.txt "synthetic.db (seed 7)"
if crew data export --symbol AAPL --timeframe 1Hour >/dev/null 2>&1; then
  fail "export read generated bars without --synthetic"
fi
crew data export --symbol AAPL --timeframe 1Hour --synthetic >aapl1.csv
"$CREW_BIN" --home "$WORK_DIR/other" --log-level warn data synth --symbols AAPL \
  --timeframe 1Hour --start 2024-03-04 --end 2024-03-08 --seed 7 >/dev/null
"$CREW_BIN" --home "$WORK_DIR/other" --log-level warn data export --symbol AAPL \
  --timeframe 1Hour --synthetic >aapl2.csv
assert_files_equal aapl1.csv aapl2.csv
crew data list >list.txt
grep -E '^AAPL +1Hour .* 35 +0  synthetic$' list.txt >/dev/null || fail "AAPL row: $(grep AAPL list.txt)"
grep -E '^BTC/USDT +1Hour .* 500 +0  real$' list.txt >/dev/null || fail "BTC/USDT row: $(grep BTC list.txt)"

# A home of an earlier crew, whose --sim and data synth wrote generated bars into bars.db beside
# real ones: split-synthetic moves exactly the generated bars to synthetic.db, the real ones stay.
old="$WORK_DIR/old"
mkdir -p "$old/data"
cp "$CREW_HOME/data/synthetic.db" "$old/data/bars.db" # the seed-7 bars synthesized above
"$CREW_BIN" --home "$old" --log-level warn data import 1h/BTC-USDT.csv >/dev/null
if "$CREW_BIN" --home "$old" --log-level warn data split-synthetic --dry-run | grep -q 'would move'; then
  fail "bars of another seed (42) were taken for generated ones"
fi
"$CREW_BIN" --home "$old" --log-level warn data split-synthetic --dry-run --seed 7 >split.txt
assert_contains split.txt "would move 120 generated 1Hour bars of BTC/USD (2024-03-04T00:00:00Z to 2024-03-08T23:00:00Z)"
assert_contains split.txt "found 155 generated bars in $old/data/bars.db"
"$CREW_BIN" --home "$old" --log-level warn data split-synthetic --seed 7 >split.txt
assert_contains split.txt "moved 155 generated bars out of"
"$CREW_BIN" --home "$old" --log-level warn data list >list.txt
grep -E '^BTC/USDT +1Hour .* 500 +0  real$' list.txt >/dev/null || fail "the real bars moved: $(cat list.txt)"
grep -E '^BTC/USD +1Hour .* 120 +0  synthetic$' list.txt >/dev/null || fail "BTC/USD: $(cat list.txt)"
grep -E '^AAPL +1Hour .* 35 +0  synthetic$' list.txt >/dev/null || fail "AAPL: $(cat list.txt)"
[ "$(grep -c ' real$' list.txt)" -eq 1 ] || fail "generated bars left in bars.db: $(cat list.txt)"
echo "ok"
