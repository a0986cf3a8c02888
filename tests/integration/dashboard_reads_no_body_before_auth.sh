#!/usr/bin/env bash
# Bodies read before authentication (issue 16): a POST announcing 512 MB, with and without a
# token set, sent by Content-Length and chunked, and a header line that never ends, are refused
# (401 without the token, 413 with it) from their headers: the server's resident memory does not
# grow with what the client sends, and the halt flag is untouched.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/dashboard.inc"

crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 5h --json >/dev/null
start_server "$WORK_DIR/serve.out" serve --http 127.0.0.1:0
token=$(the_token 2>/dev/null || echo none-yet)
megabytes=64

# attack WHAT EXPECTED ARGS…: runs http_attacks.py ARGS against the server; its status must be one
# of EXPECTED (a regex), and neither the server's RSS after the attack nor its peak RSS (VmHWM,
# which sees memory held during the attack and freed after it) may grow by 16 MB or more.
attack() {
  local what=$1 expected=$2
  shift 2
  local before after peak_before peak_after answer
  before=$(rss_kb "$server_pid")
  peak_before=$(rss_kb "$server_pid" VmHWM)
  answer=$(python3 "$ATTACKS" "$@")
  sleep 0.5
  after=$(rss_kb "$server_pid")
  peak_after=$(rss_kb "$server_pid" VmHWM)
  echo "$what: answer '$answer', RSS $before kB -> $after kB, peak $peak_before kB -> $peak_after kB"
  [[ "${answer%% *}" =~ ^($expected)$ ]] || fail "$what: answered '${answer%% *}', expected $expected"
  [ $((after - before)) -lt 16384 ] || fail "$what: RSS grew by $((after - before)) kB"
  [ $((peak_after - peak_before)) -lt 16384 ] ||
    fail "$what: peak RSS grew by $((peak_after - peak_before)) kB"
}

claim=$((512 * 1024 * 1024))
send=$((megabytes * 1024 * 1024))
attack "unauthenticated 512 MB stop" 401 flood "$port" POST /api/stop "$claim" "$send"
attack "unauthenticated 512 MB chunked stop" 401 flood "$port" POST /api/stop "$claim" "$send" chunked
attack "unauthenticated 512 MB resume" 401 flood "$port" POST /api/resume "$claim" "$send"
attack "authenticated 512 MB stop" 413 flood "$port" POST /api/stop "$claim" "$send" \
  "Authorization: Bearer $token"
attack "authenticated 512 MB chunked stop" '411|413' flood "$port" POST /api/stop "$claim" "$send" \
  chunked "Authorization: Bearer $token"
attack "a POST body a little over the cap" 413 flood "$port" POST /api/stop 70000 70000 \
  "Authorization: Bearer $token"
attack "a $megabytes MB header line" '431|400|none' header "$port" "$send"
attack "a GET with a 512 MB body" '400|413' flood "$port" GET /api/status "$claim" "$send"
assert_eq false "$(halted)" "the store's halt flag after the refused POSTs"
echo "ok: no body read before the token, none above the cap"
