#!/usr/bin/env bash
# The bad-input catalogue: every row of bad_inputs.tsv runs `crew` on one bad input (CLI
# options, symbols, dates, files, homes, CSV files, configuration files, Alpaca answers from
# fake_alpaca) and must give the expected exit code (never ≥ 128: a crash), exactly one line on
# stderr matching the row's regex, and no change to the bar store. Rows are
#   name <TAB> exit <TAB> stderr regex (ERE) <TAB> file <TAB> file content <TAB> arguments
# where file (or -) is written under $W/<name>/ with the content's printf escapes expanded and is
# $F in the arguments; the arguments are shell words, led by optional NAME=value environment
# settings. $W is the work folder; $GOOD and $MALFORMED are fake_alpaca URLs.
source "$(dirname "$0")/common.sh"
table="$(dirname "$0")/bad_inputs.tsv"
W="$WORK_DIR/rows"
mkdir -p "$W"

DATA="$WORK_DIR/data"
mkdir -p "$DATA/crypto/1h" "$DATA/us_equity/1d"
gen_bars "$DATA/crypto/1h/BTC-USD.csv" 1704067200 3600 48 42000
gen_bars "$DATA/us_equity/1d/AAPL.csv" 1704067200 86400 20 185
# Daily bars of a US equity only on NYSE sessions: not on weekends, 1 January or MLK day.
sed -i -E '/^2024-01-(01|06|07|13|14|15|20)T/d' "$DATA/us_equity/1d/AAPL.csv"
start_fake --data "$DATA"
GOOD="http://127.0.0.1:$FAKE_PORT"
start_fake --data "$DATA" --malformed-rate 1
MALFORMED="http://127.0.0.1:$FAKE_PORT"
export APCA_API_DATA_URL="$GOOD" APCA_API_BASE_URL="$GOOD"
: >"$W/afile"

# A store with bars in it, so a refused import that wrote anything would show.
crew data import --timeframe 1Day "$DATA/us_equity/1d/AAPL.csv" >/dev/null
store="$CREW_HOME/data/bars.db"
store_digest() { sqlite3 "$store" .dump | sha256sum; }
before=$(store_digest)

rows=0
failures=0
while IFS=$'\t' read -r name expected regex file content args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  rows=$((rows + 1))
  F=""
  if [ "$file" != "-" ]; then
    F="$W/$name/$file"
    mkdir -p "$(dirname "$F")"
    [ "$content" = "-" ] && content=""
    printf "$content" >"$F"
  fi
  eval "set -- $args"
  status=0
  (
    cd "$W"
    while [[ $# -gt 0 && "$1" =~ ^[A-Z_]+= ]]; do
      export "$1"
      shift
    done
    # At --log-level error, so retry warnings (log lines, not the error) stay out of stderr.
    [[ " $* " == *" --log-level "* ]] || set -- --log-level error "$@"
    exec "$CREW_BIN" "$@"
  ) >"$W/$name.out" 2>"$W/$name.err" </dev/null || status=$?
  problems=()
  [ "$status" -lt 128 ] || problems+=("crashed (exit $status)")
  [ "$status" -eq "$expected" ] || problems+=("exit $status, expected $expected")
  lines=$(wc -l <"$W/$name.err")
  [ "$lines" -eq 1 ] || problems+=("$lines lines on stderr")
  grep -qE -- "$regex" "$W/$name.err" || problems+=("stderr does not match /$regex/")
  [ "$(store_digest)" = "$before" ] || {
    problems+=("the bar store changed")
    before=$(store_digest)
  }
  if [ ${#problems[@]} -gt 0 ]; then
    failures=$((failures + 1))
    echo "FAIL $name: $(IFS=';'; echo "${problems[*]}"); stderr: $(head -c 300 "$W/$name.err")" >&2
  fi
done <"$table"

[ "$rows" -ge 50 ] || fail "only $rows rows in $table (the catalogue wants at least 50)"
[ "$failures" -eq 0 ] || fail "$failures of $rows bad inputs misbehaved"
echo "ok: $TEST_NAME ($rows bad inputs)"
