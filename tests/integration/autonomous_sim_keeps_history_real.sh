#!/usr/bin/env bash
# --sim replays stored history and never invents prices (issue 12):
# - with 12 hours of real BTC/USD minutes stored, a session running past them is refused with a
#   one-line error (exit 2) naming the series, what is stored and what the session needs, and
#   nothing is written to either store; --symbols naming a symbol the store lacks is refused too;
# - a session inside the stored span replays it: its header says which stored series give the
#   signals and the fills, the universe is what the store holds (not the demo's 20 symbols), and
#   the real store is left as imported;
# - --synthetic trades generated markets in a home with real bars, writing them to synthetic.db
#   only; `crew data list` tells real from synthetic;
# - a home with no real bars replays synthetic markets, and a second session continues them.
source "$(dirname "$0")/autonomous.inc"
# minutes FILE FIRST_EPOCH COUNT: a CSV of BTC/USD minute bars.
minutes() {
  mkdir -p "$(dirname "$1")"
  python3 - "$@" <<'PY'
import sys
path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(path, "w") as f:
    f.write("timestamp,open,high,low,close,volume\n")
    for i in range(count):
        p = 90_000 + (i % 50)
        f.write(f"{start + 60 * i},{p},{p + 5},{p - 5},{p + 1},{1 + i % 3}\n")
PY
}
# bar_rows DB: the rows of a bar store ("-" when the file does not exist).
bar_rows() { if [ -e "$1" ]; then sqlite3 "$1" 'SELECT coalesce(sum(count), 0) FROM bar_blocks'; else echo -; fi; }

CSV="$WORK_DIR/short/BTC-USD.csv"
minutes "$CSV" 1794787200 720 # 2026-11-16T00:00Z, 12 hours
crew data import --timeframe 1Min "$CSV" >/dev/null
refused() { # NAME ARGS…: exit 2, one line on stderr, no bar written anywhere
  local name=$1 status=0
  shift
  crew autonomous --sim "$@" >"$WORK_DIR/$name.out" 2>"$WORK_DIR/$name.err" || status=$?
  [ "$status" -eq 2 ] || fail "$name: exit $status, not 2 for a session the store cannot replay"
  [ "$(wc -l <"$WORK_DIR/$name.err")" -eq 1 ] || fail "$name: not one line: $(cat "$WORK_DIR/$name.err")"
  [ "$(bar_rows "$CREW_HOME/data/bars.db")" = 720 ] || fail "$name: the real store changed"
  [ "$(bar_rows "$CREW_HOME/data/synthetic.db")" = - ] ||
    [ "$(bar_rows "$CREW_HOME/data/synthetic.db")" = 0 ] || fail "$name: bars were invented"
  echo "ok: $name refused (exit 2): $(cut -c1-160 "$WORK_DIR/$name.err")…"
}
refused past --start 2026-11-16T06:00:00Z --duration 12h
grep -q '^crew: .*bars.db: no stored series covers the session; BTC/USD 1Hour bars: the bar store holds BTC/USD 1Min bars from 2026-11-16T00:00:00Z to 2026-11-16T11:59:00Z but the session needs 2026-11-16T06:00:00Z to 2026-11-16T17:00:00Z; --sim replays stored history and never invents prices' \
  "$WORK_DIR/past.err" || fail "unclear refusal: $(cat "$WORK_DIR/past.err")"
refused missing --symbols BTC/USD,ETH/USD --start 2026-11-16T01:00:00Z --duration 2h
grep -q '^crew: .*bars.db: ETH/USD 1Hour bars: the bar store holds no bars of it but the session needs 2026-11-16T01:00:00Z to 2026-11-16T02:00:00Z' \
  "$WORK_DIR/missing.err" || fail "unclear refusal: $(cat "$WORK_DIR/missing.err")"

export CREW_HOME="$WORK_DIR/covered"
minutes "$WORK_DIR/long/BTC-USD.csv" 1794700800 2880 # 2026-11-15T00:00Z, two days
crew data import --timeframe 1Min "$WORK_DIR/long/BTC-USD.csv" >/dev/null
crew autonomous --sim --start 2026-11-16T06:00:00Z --duration 12h >"$WORK_DIR/covered.txt" ||
  fail "a session inside the imported minutes was refused"
grep -q '^replaying stored history:' "$WORK_DIR/covered.txt" || fail "no replay header"
grep -Eq '^  BTC/USD +signals: stored BTC/USD 1Min bars as 1Hour; fills: stored BTC/USD 1Min bars' \
  "$WORK_DIR/covered.txt" || fail "the header does not say what BTC/USD replays: $(head -5 "$WORK_DIR/covered.txt")"
[ "$(grep -Ec '^  [A-Z/.]+ +signals:' "$WORK_DIR/covered.txt")" -eq 1 ] ||
  fail "the universe is not what the store holds: $(head -25 "$WORK_DIR/covered.txt")"
echo "ok: the session replays the one stored symbol, and says from which series"
[ "$(bar_rows "$CREW_HOME/data/bars.db")" = 2880 ] || fail "the replay wrote into the real store"
[ "$(bar_rows "$CREW_HOME/data/synthetic.db")" = 0 ] || [ "$(bar_rows "$CREW_HOME/data/synthetic.db")" = - ] ||
  fail "the replay of real bars generated synthetic ones"
echo "ok: the covered series was replayed, not extended"

crew autonomous --sim --synthetic --start 2026-11-20T06:00:00Z --duration 2h >"$WORK_DIR/synth.txt" ||
  fail "--synthetic in a home with real bars was refused"
grep -q '^replaying synthetic markets' "$WORK_DIR/synth.txt" || fail "no synthetic header"
[ "$(bar_rows "$CREW_HOME/data/bars.db")" = 2880 ] || fail "--synthetic wrote into the real store"
[ "$(bar_rows "$CREW_HOME/data/synthetic.db")" -gt 0 ] || fail "--synthetic generated no bars"
crew data list --json >"$WORK_DIR/list.json"
check "data list tells real from synthetic" \
  'first | (map(select(.source == "real")) | map(.symbol) == ["BTC/USD"]) and
   (map(select(.source == "synthetic")) | length > 1) and
   (map(.source) | unique == ["real", "synthetic"])' "$WORK_DIR/list.json"
crew data list >"$WORK_DIR/list.txt"
grep -Eq '^BTC/USD +1Min .* 2880 +0  real$' "$WORK_DIR/list.txt" || fail "list: $(cat "$WORK_DIR/list.txt")"
crew backtest --symbol AAPL --strategy rsi >/dev/null 2>&1 && fail "a backtest read synthetic bars unasked"
crew backtest --symbol AAPL --strategy rsi --synthetic >/dev/null ||
  fail "backtest --synthetic did not read the generated bars"
echo "ok: backtest reads generated bars only with --synthetic"

export CREW_HOME="$WORK_DIR/synthetic"
crew autonomous --sim --start 2026-11-16T06:00:00Z --duration 2h >/dev/null
crew autonomous --sim --duration 6h >/dev/null || fail "a second synthetic session was refused"
[ ! -e "$CREW_HOME/data/bars.db" ] || [ "$(bar_rows "$CREW_HOME/data/bars.db")" = 0 ] ||
  fail "synthetic sessions wrote into the real store"
echo "ok: synthetic sessions chain, in synthetic.db only"
