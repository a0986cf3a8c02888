#!/usr/bin/env bash
# Recognisable fake Alpaca keys go through a session of commands against fake_alpaca (downloads,
# universes, a 401 refusal, config, JSON and trace-level output, and autonomous --paper when the
# build has it); afterwards neither key appears, raw, URL-encoded or base64-encoded (alone or as
# ID:SECRET), in any captured stdout/stderr, any file under the home (logs, reports) or any row
# of any SQLite database under the home.
source "$(dirname "$0")/common.sh"

export APCA_API_KEY_ID="PKFAKEKEY123SECRETID"
export APCA_API_SECRET_KEY="fakeSECRETvalue987zzz"
OUT="$WORK_DIR/out"
mkdir -p "$OUT"

DATA="$WORK_DIR/data"
mkdir -p "$DATA/crypto/1h" "$DATA/us_equity/1h"
gen_bars "$DATA/crypto/1h/BTC-USD.csv" 1704067200 3600 300 42000
gen_bars "$DATA/crypto/1h/ETH-USD.csv" 1704067200 3600 300 2300
gen_bars "$DATA/us_equity/1h/AAPL.csv" 1704186000 3600 120 185

# run NAME EXPECTED_EXIT ARGS…: runs crew at trace level, keeping stdout and stderr.
run() {
  local name=$1 expected=$2 status=0
  shift 2
  "$CREW_BIN" --home "$CREW_HOME" --log-level trace "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" ||
    status=$?
  [ "$status" -eq "$expected" ] ||
    fail "$name: exit $status, expected $expected; stderr: $(head -c 400 "$OUT/$name.err")"
}

start_fake --data "$DATA"
run download 0 data download --symbols BTC/USD,ETH/USD,AAPL --timeframe 1Hour \
  --start 2024-01-01 --end 2024-01-10 --json
run download_text 0 data download --symbols BTC/USD --timeframe 1Hour --start 2024-01-01 \
  --end 2024-01-12
run universe_crypto 0 universe --market CRYPTO --json
run universe_equity 0 universe --market US_EQUITY
run config 0 config
run config_json 0 config --json
run data_list 0 data list --json

# autonomous --paper, once it is wired to AlpacaBroker: a short run against the fake's account.
if "$CREW_BIN" autonomous --help 2>/dev/null | grep -q -- '--paper'; then
  status=0
  timeout 60 "$CREW_BIN" --home "$CREW_HOME" --log-level trace autonomous --paper --duration 15 \
    --json >"$OUT/autonomous_paper.out" 2>"$OUT/autonomous_paper.err" || status=$?
  [ "$status" -lt 124 ] || fail "autonomous --paper crashed or hung (exit $status)"
  echo "autonomous --paper exit $status"
fi
# What the session stored (status and orders only read an existing state database).
run status 0 status --json
run orders 0 orders --json

# A second fake that knows other keys: every request is refused with 401.
APCA_API_KEY_ID="PKOTHERKEY" APCA_API_SECRET_KEY="othersecret" start_fake --data "$DATA"
run refused_download 1 data download --symbols ETH/USD --timeframe 1Hour --start 2024-01-11 \
  --end 2024-01-12
run refused_universe 1 universe --market CRYPTO --json
grep -qE '401|unauthori|forbidden|key' "$OUT/refused_download.err" ||
  fail "the 401 refusal is not explained: $(cat "$OUT/refused_download.err")"

# Every form a key could leak in.
needles=()
for key in "$APCA_API_KEY_ID" "$APCA_API_SECRET_KEY" "$APCA_API_KEY_ID:$APCA_API_SECRET_KEY"; do
  needles+=("$key")
  needles+=("$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$key")")
  needles+=("$(printf '%s' "$key" | base64 -w0 | tr -d '=')")
done
pattern_file="$WORK_DIR/needles"
printf '%s\n' "${needles[@]}" | sort -u >"$pattern_file"

leaks="$WORK_DIR/leaks"
: >"$leaks"
grep -rFa -f "$pattern_file" "$OUT" >>"$leaks" || true
grep -rFal -f "$pattern_file" "$CREW_HOME" | sed "s/$/: contains a key/" >>"$leaks" || true
databases=0
while IFS= read -r db; do
  databases=$((databases + 1))
  sqlite3 "$db" .dump | grep -Fa -f "$pattern_file" | sed "s|^|$db: |" >>"$leaks" || true
done < <(find "$CREW_HOME" -name '*.db' -type f)
files=$(find "$CREW_HOME" "$OUT" -type f | wc -l)

if [ -s "$leaks" ]; then
  head -c 2000 "$leaks" >&2
  fail "a key leaked (lines above)"
fi
[ "$databases" -ge 1 ] || fail "no database under the home: the session did not run"
echo "ok: $TEST_NAME ($files files and $databases databases searched for ${#needles[@]} forms)"
