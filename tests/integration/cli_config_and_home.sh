#!/usr/bin/env bash
# `crew config`: where the home and the configuration come from, environment overrides, key
# presence without values, `--check` of good and bad files, and the daily log under the home.
source "$(dirname "$0")/common.sh"
example="$(cd "$(dirname "$0")/../../config" && pwd)/crew.example.toml"
cd "$WORK_DIR"

# The home: --home wins over CREW_HOME; CREW_HOME over ~/.local/share/tradingcrew.
"$CREW_BIN" --home "$WORK_DIR/explicit" config --json >out.json
assert_contains out.json "\"home\": \"$WORK_DIR/explicit\""
"$CREW_BIN" config --json >out.json
assert_contains out.json "\"home\": \"$CREW_HOME\""
(unset CREW_HOME; HOME="$WORK_DIR/user" "$CREW_BIN" config --json >out.json)
assert_contains out.json "\"home\": \"$WORK_DIR/user/.local/share/tradingcrew\""
# `config` only looks (issue 16: it must work on a read-only home): it creates no directory of
# the layout (only its log file, when it can); a command that writes creates the layout.
[ ! -e "$WORK_DIR/user/.local/share/tradingcrew/state" ] || fail "crew config created state/"
(unset CREW_HOME; HOME="$WORK_DIR/user" "$CREW_BIN" data list >/dev/null)
[ -d "$WORK_DIR/user/.local/share/tradingcrew/state" ] || fail "home directories not created"

# Keys are reported as present, never printed; neither are they logged.
crew config >out.txt
assert_contains out.txt "APCA_API_SECRET_KEY set"
crew config --json >out.json
assert_contains out.json '"present": true'
if grep -rq -e "$APCA_API_SECRET_KEY" -e "$APCA_API_KEY_ID" out.txt out.json "$CREW_HOME/logs"; then
  fail "a key value was printed or logged"
fi
ls "$CREW_HOME"/logs/trading_crew_????????.log >/dev/null || fail "no daily log file"

# The configuration: defaults, then ./crew.toml, then CREW_CONFIG, then --config.
crew config >out.txt
assert_contains out.txt "# configuration: built-in defaults"
printf '[risk]\nmax_open_positions = 4\n' >crew.toml
crew config --json >out.json
assert_contains out.json '"max_open_positions": 4'
printf '[risk]\nmax_open_positions = 5\n' >env.toml
CREW_CONFIG="$WORK_DIR/env.toml" crew config --json >out.json
assert_contains out.json '"max_open_positions": 5'
CREW_CONFIG="$WORK_DIR/env.toml" crew --config "$example" config --json >out.json
assert_contains out.json '"max_open_positions": 3'
rm crew.toml

# A missing explicit file and a broken one: one line naming the key and the line, exit 2.
status=0
crew --config "$WORK_DIR/absent.toml" config >out.txt 2>err.txt || status=$?
assert_eq 2 "$status" "exit code for a missing --config file"
assert_eq 1 "$(wc -l <err.txt)" "lines of the error"
assert_contains err.txt "configuration file not found"
printf '[scheduler]\ncrypto_at_us_open = "hold"\ncrypto_busy_end_hour_utc = 24\n' >bad.toml
status=0
crew config --check bad.toml >out.txt 2>err.txt || status=$?
assert_eq 2 "$status" "exit code of --check on a bad file"
assert_eq "crew: scheduler.crypto_busy_end_hour_utc must be between 0 and 23, got 24 (bad.toml:3)" \
  "$(cat err.txt)" "the --check error"
crew config --check "$example" >out.txt
assert_contains out.txt "valid"

# The environment overrides the Alpaca URLs, and a bad override is refused.
APCA_API_BASE_URL="http://127.0.0.1:9" crew config --json >out.json
assert_contains out.json '"trading_url": "http://127.0.0.1:9"'
status=0
APCA_API_DATA_URL="not a url" crew config >out.txt 2>err.txt || status=$?
assert_eq 2 "$status" "exit code for a bad APCA_API_DATA_URL"
assert_contains err.txt "APCA_API_DATA_URL"
echo "ok: $TEST_NAME"
