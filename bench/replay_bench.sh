#!/usr/bin/env bash
# Replay benchmarks (issue 12, "Speed and memory"; docs/performance.md "Replay: memory and cost").
#
#   bench/replay_bench.sh data              # build the bar store once (cached in $WORK/bars.db)
#   bench/replay_bench.sh year [DAYS]       # the year replay: 20 crypto pairs (1Hour signals, 1Min
#                                           # fills) + 50 equities (15Min signals from 5Min bars)
#   bench/replay_bench.sh memory D1 D2 ...  # peak RSS and wall time of --sim runs of D days
#   bench/replay_bench.sh history [DAYS]    # CPU per tick of a 2-day session in homes that hold
#                                           # 0, 30 and 365 days of trading history
#
# Bars are synthetic but stored as real ones (the generator's store copied to bars.db), so the
# stored-history path of the replay is what runs. CREW (default: the Release build of
# build/bench) is the binary measured; WORK (default /tmp/crew-replay-bench) holds the homes.
# Times are wall and CPU from /usr/bin/time -v; peak RSS is its "Maximum resident set size".
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
CREW="${CREW:-$here/build/bench/src/app/crew}"
WORK="${WORK:-/tmp/crew-replay-bench}"
START="${START:-2025-01-01T00:00:00Z}"
# The measured session of `history` (a Monday; the year of history before it is stored).
MEASURE_START="${MEASURE_START:-2025-12-01T00:00:00Z}"
mkdir -p "$WORK"
# TICK: the loop's tick in seconds (default 60, the shipped setting). A coarser tick (3600)
# replays the same bars with a sixtieth of the per-tick work: memory figures in little time.
TICK="${TICK:-60}"
# HISTORY_TICK: the tick of the sessions that build the history homes (default TICK); a coarser one
# builds a year of trades and orders in minutes, the measured session still runs at TICK.
HISTORY_TICK="${HISTORY_TICK:-$TICK}"
config_for() { # tick → the --config arguments of crew for that tick
  if [[ "$1" != 60 ]]; then
    printf '[scheduler]\ntick_seconds = %s\n[alerts]\nstall_seconds = %s\n' "$1" \
      $(($1 * 2 > 300 ? $1 * 2 : 300)) >"$WORK/crew-$1.toml"
    echo "--config $WORK/crew-$1.toml"
  fi
}
read -r -a config <<<"$(config_for "$TICK")"

crypto="BTC/USD,ETH/USD,SOL/USD,ADA/USD,XRP/USD,DOGE/USD,DOT/USD,AVAX/USD,LINK/USD,LTC/USD"
crypto="$crypto,BCH/USD,UNI/USD,AAVE/USD,ATOM/USD,XLM/USD,ALGO/USD,FIL/USD,NEAR/USD,ETC/USD,XTZ/USD"
equities="AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA,JPM,V,MA,UNH,HD,PG,JNJ,XOM,CVX,KO,PEP,COST,WMT"
equities="$equities,BAC,WFC,C,GS,MS,DIS,NFLX,ADBE,CRM,ORCL,INTC,AMD,QCOM,TXN,AVGO,CSCO,IBM,T,VZ"
equities="$equities,PFE,MRK,ABBV,LLY,TMO,ABT,NKE,MCD,SBUX,BA,CAT"

make_data() {
  # Warm-up before the start (600 hourly or 15-minute bars) and a little after a year.
  if [[ -f "$WORK/bars.db" ]]; then
    return
  fi
  local gen="$WORK/gen"
  rm -rf "$gen" && mkdir -p "$gen"
  "$CREW" --home "$gen" data synth --symbols "$crypto" --timeframe 1Hour \
    --start 2024-11-01 --end 2026-01-10 >/dev/null
  "$CREW" --home "$gen" data synth --symbols "$crypto" --timeframe 1Min \
    --start 2024-11-01 --end 2026-01-10 >/dev/null
  "$CREW" --home "$gen" data synth --symbols "$equities" --timeframe 5Min \
    --start 2024-11-01 --end 2026-01-10 >/dev/null
  cp "$gen/data/synthetic.db" "$WORK/bars.db.tmp"
  mv "$WORK/bars.db.tmp" "$WORK/bars.db"
  rm -rf "$gen"
}

# A fresh home holding a copy of the bars (opening a store may convert it to a newer layout).
new_home() {
  local home="$1"
  rm -rf "$home" && mkdir -p "$home/data"
  cp --reflink=auto "$WORK/bars.db" "$home/data/bars.db"
}

# Runs crew under /usr/bin/time -v, sampling /proc every 0.2 s for the anonymous (heap) and the
# file-backed (the bar store's mmap) parts of the resident set; prints
# "wall_s cpu_s peak_rss_mb max_anon_mb max_file_mb".
timed() {
  local out="$WORK/time.txt"
  /usr/bin/time -v -o "$out" "$CREW" "${config[@]}" "$@" >"$WORK/last-run.txt" 2>&1 &
  local tpid=$! cpid="" anon=0 file=0
  while kill -0 "$tpid" 2>/dev/null; do
    [[ -z "$cpid" ]] && cpid=$(pgrep -P "$tpid" | head -1 || true)
    if [[ -n "$cpid" && -r "/proc/$cpid/status" ]]; then
      read -r a f < <(awk '/^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { print a + 0, f + 0 }' \
        "/proc/$cpid/status" 2>/dev/null || echo "0 0")
      ((a > anon)) && anon=$a
      ((f > file)) && file=$f
    fi
    sleep 0.2
  done
  wait "$tpid" || {
    tail -5 "$WORK/last-run.txt" >&2
    return 1
  }
  awk -F': ' -v anon="$anon" -v file="$file" '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident set size/ { rss = $2 / 1024 }
    END { printf "%.1f %.1f %.0f %.0f %.0f\n", wall, cpu, rss, anon / 1024, file / 1024 }' "$out"
}

sim() { # home start duration
  timed --home "$1" autonomous --sim --start "$2" --duration "$3"
}

case "${1:-}" in
data)
  make_data
  ;;
memory)
  make_data
  shift
  printf "%-8s %8s %8s %12s %12s %12s\n" days wall_s cpu_s peak_rss_mb anon_mb file_mb
  for d in "$@"; do
    new_home "$WORK/mem"
    read -r wall cpu rss anon file < <(sim "$WORK/mem" "$START" "${d}d")
    printf "%-8s %8s %8s %12s %12s %12s\n" "$d" "$wall" "$cpu" "$rss" "$anon" "$file"
  done
  ;;
year)
  make_data
  days="${2:-365}"
  new_home "$WORK/year"
  read -r wall cpu rss anon file < <(sim "$WORK/year" "$START" "${days}d")
  echo "replay of ${days}d, 20 crypto + 50 equities, tick ${TICK}s: wall ${wall} s, cpu ${cpu} s," \
    "peak RSS ${rss} MB (heap ${anon} MB, mapped store ${file} MB)"
  ;;
history)
  make_data
  measured="${2:-2}"
  echo "history built at a ${HISTORY_TICK}s tick; measured: ${measured}d at a ${TICK}s tick"
  printf "%-14s %8s %10s %14s\n" history_days cpu_s ticks cpu_ms_per_tick
  for h in 0 30 365; do
    home="$WORK/history-$h"
    new_home "$home"
    # The history: a session of the h days before the measured one, in the same home (its
    # trades, orders and equity rows), so that every home measures the same days of the market.
    if [[ "$h" -gt 0 ]]; then
      measured_config=("${config[@]}")
      read -r -a config <<<"$(config_for "$HISTORY_TICK")"
      sim "$home" "$(date -u -d "${MEASURE_START} - ${h} days" +%Y-%m-%dT%H:%M:%SZ)" "${h}d" \
        >/dev/null
      config=("${measured_config[@]}")
      # A drawdown halt the history ended in would leave the measured session idle: lifted.
      "$CREW" --home "$home" resume >/dev/null 2>&1 || true
    fi
    read -r _ cpu _ _ _ < <(sim "$home" "$MEASURE_START" "${measured}d")
    ticks=$((measured * 86400 / TICK))
    # The session's own count of scans and orders: homes are compared doing the same work.
    work=$(grep -o 'scans [0-9]*, orders [0-9]*' "$WORK/last-run.txt" | tail -1)
    printf "%-14s %8s %10s %14s   %s\n" "$h" "$cpu" "$ticks" \
      "$(awk -v c="$cpu" -v t="$ticks" 'BEGIN { printf "%.3f", 1000 * c / t }')" "$work"
  done
  ;;
*)
  sed -n '2,16p' "$0"
  exit 2
  ;;
esac
