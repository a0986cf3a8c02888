#!/usr/bin/env bash
# Parity (issue 12 item 8, docs/parity.md): `crew backtest` and `crew autonomous --sim` over the
# same bars, one symbol, one strategy, limits that do not bind, make the same trades: entry and exit
# bar, quantity, exit reason, entry and exit price (1e-6 relative), apart from the differences
# docs/parity.md lists (parity_compare.py says which it allows and how it maps fill instants to
# bars). Cases:
# - synthetic bars imported as real ones, only at the signal timeframe (so the sim fills at the
#   signal bars' opens, as the backtest does): a crypto pair on 1Hour bars, an equity on 15Min bars;
#   always run, so the test means something on a user's clone;
# - with ../shared/data (CREW_SHARED_DIR): real BTC/USDT 1h bars and real NVDA 5m bars (15Min
#   signals built from them, fills at the 5Min opens); skipped with a message otherwise.
# How the setup keeps the loop to one symbol and one strategy, since the CLI has no switch for it:
# - --symbols names the one symbol, and the home stores no other;
# - the loop tries every strategy of the market (3ma, rsi, macd, bb); the configuration below makes
#   the three others unable to fire an entry (rsi entry level 100, macd fast = slow period, bb at
#   1000 standard deviations), so every entry is 3ma's, the strategy the backtest runs;
# - 3ma's signals use simple moving averages only, so once warmed up they do not depend on where
#   the bars start (the ATR of the stop distance and the size still does: Wilder smoothing);
# - scans once per signal bar, at the tick the bar completes (crypto every 60 min, equities every
#   15 min, both on the clock grid the bars are aligned to): a second scan of the same bar could
#   re-enter after a stop;
# - risk limits, the scanner's top N and the manipulation filter set so that they never bind;
# - crypto trades only while the NYSE is closed (the rotation, design 8: no new crypto entry while
#   US_EQUITY is open, and no key turns that off), so the crypto sessions span the Easter weekend
#   of 2026 (Thursday 2 April 16:00 New York to Monday 6 April 09:30, NYSE closed on Good Friday).
# The backtest is given the bars the session sees complete: those opening in [start, end − one
# bar] (--end is inclusive). Both warm up on the same bars before --start (docs/parity.md row 6).
source "$(dirname "$0")/autonomous.inc"
HERE=$(cd "$(dirname "$0")" && pwd)
DATA="${CREW_SHARED_DIR:-$(cd "$HERE/../../.." && pwd)/shared}/data"
export CREW_CONFIG="$WORK_DIR/crew.toml"
CLOSE_BEFORE=5
cat >"$CREW_CONFIG" <<EOF
[strategy.params.rsi]
entry_level = 100
[strategy.params.macd]
fast_period = 26
slow_period = 26
[strategy.params.bb]
num_std = 1000
[risk]
max_open_positions = 1000
max_entries_per_day = 100000
daily_loss_limit_us_equity = 1
daily_loss_limit_crypto = 1
close_on_daily_loss = false
max_drawdown = 1
pdt_equity_threshold = 0
crypto_min_notional = 0
[scheduler]
tick_seconds = 60
us_equity_scan_minutes = 15
crypto_busy_scan_minutes = 60
crypto_quiet_scan_minutes = 60
close_before_us_close_minutes = $CLOSE_BEFORE
crypto_at_us_open = "hold"
[scanner]
top = 1000
crypto_min_notional_volume_24h = 0
[manipulation]
spike_atr_multiple = 1000
spike_min_rise = 1000
spike_volume_multiple = 1000
wash_volume_multiple = 1000
wash_max_range_atr = 0
EOF

# synth_csv FILE STEP_MINUTES SEED PERIOD CRASH_EVERY UP DOWN (FIRST END | SESSIONS_CSV): bars in
# the import format, one every STEP_MINUTES over [FIRST, END) or over each session of a
# `crew calendar --csv` listing. The price rises by UP per bar for 70% of each PERIOD bars and
# falls by DOWN for the rest (3ma entries and signal exits), with noise and a 2.5% drop every
# CRASH_EVERY bars (stops); the volume is higher on rising bars so the volume condition passes.
# Deterministic.
synth_csv() {
  python3 - "$@" <<'PY'
import sys, math, random, datetime as dt
out, step, seed, period, crash, up, down = sys.argv[1:8]
step, period, crash, up, down = int(step), int(period), int(crash), float(up), float(down)
rng = random.Random(int(seed))
parse = lambda s: dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
spans = [sys.argv[8:10]] if len(sys.argv) == 10 else \
    [line.split(",")[1:3] for line in open(sys.argv[8]).read().splitlines()[1:]]
with open(out, "w") as f:
    f.write("timestamp,open,high,low,close,volume\n")
    log_price, prev, i = math.log(100.0), 100.0, 0
    for first, end in spans:
        t, end = parse(first), parse(end)
        while t < end:
            log_price += up if i % period < period * 7 // 10 else -down
            log_price += (rng.random() - 0.5) * 0.004
            if i % crash == crash - 1:
                log_price -= 0.025
            o, c = prev, round(math.exp(log_price), 4)
            h = round(max(o, c) * (1 + rng.random() * 0.002), 4)
            l = round(min(o, c) * (1 - rng.random() * 0.002), 4)
            v = round(100 + rng.random() * 40 + (60 if c > o else 0), 3)
            f.write(f"{t:%Y-%m-%dT%H:%M:%SZ},{o},{h},{l},{c},{v}\n")
            prev, t, i = c, t + dt.timedelta(minutes=step), i + 1
PY
}

FAILED=()
# parity NAME SYMBOL TIMEFRAME_MINUTES START END MIN_TRADES: in the home $WORK_DIR/NAME (bars
# already imported), a backtest over [START, END) and a --sim session over the same span, compared.
parity() {
  local name=$1 symbol=$2 minutes=$3 start=$4 end=$5 min_trades=$6
  local dir="$WORK_DIR/$name" s e status=0
  s=$(date -u -d "$start" +%s)
  e=$(date -u -d "$end" +%s)
  crew backtest --symbol "$symbol" --strategy 3ma --start "$start" \
    --end "$(date -u -d "@$((e - minutes * 60))" +%FT%TZ)" --trades "$dir/backtest.csv" >"$dir/backtest.txt" ||
    fail "$name: crew backtest failed: $(cat "$dir/backtest.txt")"
  crew autonomous --sim --symbols "$symbol" --start "$start" --duration "$((e - s))" \
    >"$dir/sim.txt" 2>&1 || fail "$name: crew autonomous --sim failed: $(tail -5 "$dir/sim.txt")"
  grep -E "^  $symbol +signals:" "$dir/sim.txt" || fail "$name: the session does not replay $symbol"
  python3 "$HERE/parity_compare.py" --case "$name" --backtest "$dir/backtest.csv" \
    --state "$CREW_HOME/state/state.db" --symbol "$symbol" --timeframe-minutes "$minutes" \
    --session-close-minutes "$CLOSE_BEFORE" --tick-seconds 60 --min-trades "$min_trades" ||
    status=$?
  [ "$status" -eq 0 ] || FAILED+=("$name")
  [ "$status" -le 1 ] || fail "$name: parity_compare.py failed ($status)"
}
home() {
  export CREW_HOME="$WORK_DIR/$1"
  mkdir -p "$CREW_HOME"
}

# Crypto, synthetic: 1Hour bars from 2026-03-01 (the sim's warm-up of 600 bars fits before the
# start), the session over the Easter weekend. Stored as real BTC/USD 1Hour bars only.
home crypto_synthetic
synth_csv "$WORK_DIR/BTC-USD.csv" 60 11 20 31 0.003 0.002 2026-03-01T00:00:00Z 2026-04-08T00:00:00Z
crew data import --timeframe 1Hour --symbol BTC/USD "$WORK_DIR/BTC-USD.csv" >/dev/null
parity crypto_synthetic BTC/USD 60 2026-04-02T20:00:00Z 2026-04-06T13:30:00Z 3

# Equity, synthetic: 15Min bars of every NYSE session from 2025-12-01 (23 sessions of warm-up),
# the session over the two weeks 2026-02-02 to 2026-02-13. Stored as real AAPL 15Min bars only.
home equity_synthetic
crew calendar --from 2025-12-01 --to 2026-02-13 --csv >"$WORK_DIR/sessions.csv"
synth_csv "$WORK_DIR/AAPL.csv" 15 3 24 37 0.002 0.0015 "$WORK_DIR/sessions.csv"
crew data import --timeframe 15Min --symbol AAPL "$WORK_DIR/AAPL.csv" >/dev/null
parity equity_synthetic AAPL 15 2026-02-02T14:30:00Z 2026-02-13T21:00:00Z 3

if [ -f "$DATA/crypto/1h/BTC-USDT.csv" ] && [ -f "$DATA/us_equity/5m/NVDA.csv" ]; then
  # Crypto trades only while the NYSE is closed: the Easter weekend, and the Christmas one (the
  # 24 December early close at 13:00 New York to the 29th's open, the 25th a holiday).
  home crypto_real
  crew data import "$DATA/crypto/1h/BTC-USDT.csv" >/dev/null
  parity crypto_real BTC/USDT 60 2026-04-02T20:00:00Z 2026-04-06T13:30:00Z 0
  home crypto_real_christmas
  crew data import "$DATA/crypto/1h/ETH-USDT.csv" >/dev/null
  parity crypto_real_christmas ETH/USDT 60 2025-12-24T18:00:00Z 2025-12-29T14:30:00Z 3
  # Six weeks of NVDA: 15Min signals built from the 5Min bars, fills at the 5Min opens.
  home equity_real
  crew data import "$DATA/us_equity/5m/NVDA.csv" >/dev/null
  parity equity_real NVDA 15 2026-01-05T14:30:00Z 2026-02-13T21:00:00Z 3
else
  echo "skipped the real-data cases: the market data of ../shared/data is absent ($DATA)"
fi
[ "${#FAILED[@]}" -eq 0 ] || fail "backtest and --sim trade differently in: ${FAILED[*]}"
echo "ok: backtest and --sim make the same trades"
