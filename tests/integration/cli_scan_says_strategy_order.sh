#!/usr/bin/env bash
# `crew scan` tries each market's strategies in the order `crew backtest --all` stored (design.md
# section 5) and says which order it used, in text and --json; with no stored ranking it uses the
# default order and says so.
source "$(dirname "$0")/common.sh"
unset APCA_API_KEY_ID APCA_API_SECRET_KEY # stored bars only: no venue to refresh them from
cd "$WORK_DIR"
mkdir -p 1h
gen_bars 1h/BTC-USD.csv 1704067200 3600 800 42000
crew data import 1h/BTC-USD.csv >/dev/null
at=2024-02-04T00:00:00Z

crew scan --market CRYPTO --symbols BTC/USD --at "$at" --json >none.json
assert_eq false "$(jq '.strategies.ranked' none.json)" "ranked without a stored ranking"
assert_eq '["3ma","rsi","macd","bb"]' "$(jq -c '.strategies.order' none.json)" "default order"
jq -r '.strategies.source' none.json >none_source.txt
assert_contains none_source.txt "default order: no CRYPTO ranking stored"
crew scan --market CRYPTO --symbols BTC/USD --at "$at" >none.txt
assert_contains none.txt "CRYPTO strategies: 3ma, rsi, macd, bb (default order: no CRYPTO ranking"

# A ranking as `crew backtest --all` stores it (macd best, then bb; rsi and 3ma not ranked).
entry() {
  printf '{"strategy": "%s", "symbols": 1, "trades": 4, "mean_sharpe": %s, "mean_total_return": 0,
    "mean_win_rate": 0.5, "mean_max_drawdown": 0.1, "mean_buy_hold_return": 0}' "$1" "$2"
}
cat >"$CREW_HOME/data/strategy_rankings.json" <<JSON
{"CRYPTO": {"timeframe": "1Hour", "strategies": [$(entry macd 1.5), $(entry bb 0.5)]}}
JSON
crew scan --market CRYPTO --symbols BTC/USD --at "$at" --json >ranked.json
assert_eq true "$(jq '.strategies.ranked' ranked.json)" "ranked with a stored ranking"
assert_eq '["macd","bb","3ma","rsi"]' "$(jq -c '.strategies.order' ranked.json)" "stored order"
crew scan --market CRYPTO --symbols BTC/USD --at "$at" >ranked.txt
assert_contains ranked.txt "CRYPTO strategies: macd, bb, 3ma, rsi (stored ranking of crew backtest --all on 1Hour bars"

# An unreadable ranking: the default order, saying why; the scan still runs.
echo '{broken' >"$CREW_HOME/data/strategy_rankings.json"
crew scan --market CRYPTO --symbols BTC/USD --at "$at" >broken.txt
assert_contains broken.txt "CRYPTO strategies: 3ma, rsi, macd, bb (default order: the stored ranking cannot be read"
echo "ok: crew scan says which strategy order it used"
