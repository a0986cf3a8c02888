# Shared harness of the integration scripts (sourced, not run). Gives each script a temp home,
# starts fake_alpaca on a free port, and cleans everything up on exit.
# Needs CREW_BIN and FAKE_ALPACA_BIN (ctest passes them).
set -euo pipefail

: "${CREW_BIN:?CREW_BIN must point at the crew binary}"
: "${FAKE_ALPACA_BIN:?FAKE_ALPACA_BIN must point at the fake_alpaca binary}"

TEST_NAME=$(basename "$0" .sh)
WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/crew-${TEST_NAME}.XXXXXX")
export CREW_HOME="$WORK_DIR/home"
export APCA_API_KEY_ID="TESTKEYID"
export APCA_API_SECRET_KEY="test-secret-not-real"
unset CREW_CONFIG
FAKE_PIDS=()

cleanup() {
  local status=$?
  for pid in "${FAKE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ]; then
    echo "FAILED: $TEST_NAME; files kept in $WORK_DIR" >&2
  elif [ -z "${CREW_KEEP_TEMP:-}" ]; then
    rm -rf "$WORK_DIR"
  fi
}
trap cleanup EXIT

# start_fake ARGS…: runs fake_alpaca --port 0 ARGS, waits for its port, and points the Alpaca URLs
# at it. Sets FAKE_PORT; its stderr (the request log) goes to $WORK_DIR/fake_alpaca.log.
start_fake() {
  local port_file="$WORK_DIR/fake_port"
  : >"$port_file"
  "$FAKE_ALPACA_BIN" --port 0 --keys "$APCA_API_KEY_ID:$APCA_API_SECRET_KEY" "$@" \
    >"$port_file" 2>>"$WORK_DIR/fake_alpaca.log" &
  FAKE_PIDS+=($!)
  local waited=0
  while [ ! -s "$port_file" ]; do
    if ! kill -0 "${FAKE_PIDS[-1]}" 2>/dev/null; then
      echo "fake_alpaca exited early:" >&2
      cat "$WORK_DIR/fake_alpaca.log" >&2
      return 1
    fi
    waited=$((waited + 1))
    if [ "$waited" -gt 100 ]; then
      echo "fake_alpaca did not print its port within 10 s" >&2
      return 1
    fi
    sleep 0.1
  done
  FAKE_PORT=$(head -n 1 "$port_file")
  export APCA_API_DATA_URL="http://127.0.0.1:$FAKE_PORT"
  export APCA_API_BASE_URL="http://127.0.0.1:$FAKE_PORT"
}

# start_proxy RULES…: runs fault_proxy.py in front of the running fake_alpaca (see its usage for
# the --hold and --fail rules) and points the Alpaca URLs at the proxy. Its log goes to
# $WORK_DIR/fault_proxy.log.
start_proxy() {
  local port_file="$WORK_DIR/proxy_port"
  : >"$port_file"
  python3 "$(dirname "${BASH_SOURCE[0]}")/fault_proxy.py" --upstream "http://127.0.0.1:$FAKE_PORT" \
    "$@" >"$port_file" 2>>"$WORK_DIR/fault_proxy.log" &
  FAKE_PIDS+=($!)
  local waited=0
  while [ ! -s "$port_file" ]; do
    waited=$((waited + 1))
    [ "$waited" -le 100 ] || { echo "fault_proxy did not start within 10 s" >&2; return 1; }
    sleep 0.1
  done
  PROXY_PORT=$(head -n 1 "$port_file")
  export APCA_API_DATA_URL="http://127.0.0.1:$PROXY_PORT"
  export APCA_API_BASE_URL="http://127.0.0.1:$PROXY_PORT"
}

crew() { "$CREW_BIN" --home "$CREW_HOME" --log-level warn "$@"; }

fail() {
  echo "assertion failed: $*" >&2
  exit 1
}

assert_eq() { # expected actual what
  [ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}

assert_files_equal() { # expected actual
  if ! cmp -s "$1" "$2"; then
    diff "$1" "$2" | head -20 >&2 || true
    fail "$2 differs from $1"
  fi
}

assert_contains() { # haystack-file needle
  grep -q -- "$2" "$1" || fail "$1 does not contain '$2'"
}

# gen_bars FILE START_EPOCH STEP_SECONDS COUNT BASE: a deterministic CSV of COUNT bars in the
# import format, prices around BASE, written with the shortest decimals so export matches it.
gen_bars() {
  awk -v start="$2" -v step="$3" -v n="$4" -v base="$5" 'BEGIN {
    CONVFMT = "%.10g";
    print "timestamp,open,high,low,close,volume";
    for (i = 0; i < n; i++) {
      t = start + i * step;
      o = base + (i % 17) * 0.25; c = o + ((i % 5) - 2) * 0.125;
      h = (o > c ? o : c) + 0.5; l = (o < c ? o : c) - 0.5;
      printf "%s,%s,%s,%s,%s,%s\n", strftime("%Y-%m-%dT%H:%M:%SZ", t, 1), o, h, l, c, 100 + (i % 7) * 3;
    }
  }' >"$1"
}
