#!/usr/bin/env bash
# The stores know their own files (issue 16). Another application's SQLite file where the bar
# store or the state database belongs is refused by every command, exit 2, one line naming the
# file, and left byte for byte as it was (before, `crew data list` and `crew stop` migrated it
# into a store). A bar whose bytes changed on disk is refused when read (exit 1, naming the bar)
# instead of exported as it now reads; a store of an older version is taken and stamped.
source "$(dirname "$0")/common.sh"
cd "$WORK_DIR"
mkdir -p 1h
gen_bars 1h/BTC-USDT.csv 1704067200 3600 300 42000

# expect_refused NAME FILE ARGS…: exit 2, one line naming FILE, FILE unchanged, no WAL beside it.
expect_refused() {
  local name=$1 file=$2
  shift 2
  local before status=0
  before=$(sha256sum "$file")
  "$CREW_BIN" --log-level error "$@" >"$name.out" 2>"$name.err" || status=$?
  assert_eq 2 "$status" "exit code of $name"
  assert_eq 1 "$(wc -l <"$name.err" | tr -d ' ')" "stderr lines of $name"
  assert_contains "$name.err" "$file"
  assert_eq "$before" "$(sha256sum "$file")" "$name: the refused file"
  [ ! -e "$file-wal" ] || fail "$name: a WAL was created beside $file"
}

# Another application's database as the bar store.
foreign="$WORK_DIR/foreign"
mkdir -p "$foreign/data" "$foreign/state"
sqlite3 "$foreign/data/bars.db" "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('ann');"
cp "$foreign/data/bars.db" "$foreign/state/state.db"
bars="$foreign/data/bars.db"
expect_refused list "$bars" --home "$foreign" data list
expect_refused import "$bars" --home "$foreign" data import 1h/BTC-USDT.csv
expect_refused export "$bars" --home "$foreign" data export --symbol BTC/USDT --timeframe 1h
# Generated bars have a store of their own (issue 12): the same refusal there.
cp "$bars" "$foreign/data/synthetic.db"
expect_refused synth "$foreign/data/synthetic.db" --home "$foreign" data synth --symbols BTC/USD \
  --timeframe 1Hour --start 2024-03-04 --end 2024-03-05
assert_contains list.err "not a crew bar store"
# …and as the state database, read-only and read-write.
state="$foreign/state/state.db"
expect_refused status "$state" --home "$foreign" status
expect_refused trades "$state" --home "$foreign" trades
expect_refused stop "$state" --home "$foreign" stop
expect_refused resume "$state" --home "$foreign" resume
assert_contains stop.err "not a crew state database"
# The bar store as the state database (a mix-up of paths).
crew data import 1h/BTC-USDT.csv >/dev/null
mkdir -p "$WORK_DIR/mixed/state"
cp "$CREW_HOME/data/bars.db" "$WORK_DIR/mixed/state/state.db"
expect_refused mixed "$WORK_DIR/mixed/state/state.db" --home "$WORK_DIR/mixed" stop
assert_contains mixed.err "is a crew bar store's"

# A flipped bit in a stored price: export refuses it, naming the bar.
crew data export --symbol BTC/USDT --timeframe 1h >good.csv
"$CREW_BIN" --home "$CREW_HOME" --log-level error data list >/dev/null # closes, checkpoints
python3 - "$CREW_HOME/data/bars.db" good.csv <<'PY'
import struct, sys
path, csv = sys.argv[1], sys.argv[2]
data = bytearray(open(path, "rb").read())
# A price with a fraction (SQLite keeps whole ones as integers), as 8 big-endian bytes.
high = next(float(row.split(",")[2]) for row in open(csv).read().splitlines()[1:]
            if not float(row.split(",")[2]).is_integer())
at = data.find(struct.pack(">d", high))
assert at > 0, "price not found"
data[at + 7] ^= 0x01  # the lowest bit of the mantissa: a price a hair away
open(path, "wb").write(bytes(data))
PY
status=0
crew data export --symbol BTC/USDT --timeframe 1h >bad.csv 2>bad.err || status=$?
assert_eq 1 "$status" "exit code of exporting a damaged bar"
assert_contains bad.err "^crew: bar BTC/USDT 1Hour .* does not match its checksum"

# A bar store of the version before (no application_id, no checksum column) is taken and stamped.
old="$WORK_DIR/old"
mkdir -p "$old/data"
sqlite3 "$old/data/bars.db" "CREATE TABLE bars (symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
  time INTEGER NOT NULL, open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL,
  close REAL NOT NULL, volume REAL NOT NULL, trade_count REAL, vwap REAL,
  PRIMARY KEY (symbol, timeframe, time)) WITHOUT ROWID;
  INSERT INTO bars VALUES ('BTC/USDT', '1Hour', 1704067200000000000, 10, 11, 9, 10.5, 5, NULL, NULL);"
"$CREW_BIN" --home "$old" --log-level error data export --symbol BTC/USDT --timeframe 1h >old.csv
assert_contains old.csv "^2024-01-01T00:00:00Z,10,11,9,10.5,5$"
assert_eq 1129469762 "$(sqlite3 "$old/data/bars.db" 'PRAGMA application_id')" "application_id"
echo "ok: $TEST_NAME"
