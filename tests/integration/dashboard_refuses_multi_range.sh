#!/usr/bin/env bash
# Range amplification (issue 16): a Range header of hundreds of ranges made a 7 KB request into
# 158 MB of answer. A request with more than one range is refused with 416 and a short body; one
# range is still served.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/dashboard.inc"

crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 5h --json >/dev/null
start_server "$WORK_DIR/serve.out" serve --http 127.0.0.1:0

ranges=$(python3 -c 'print(",".join(["0-"] * 1500))')
for path in /app.js /api/trades /; do
  answer=$(printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nRange: bytes=%s\r\n\r\n' "$path" "$port" \
    "$ranges" | python3 "$ATTACKS" send "$port")
  status=$(head -n 1 <<<"$answer")
  assert_eq 416 "$status" "GET $path with 1500 ranges"
  [ "${#answer}" -lt 2000 ] || fail "GET $path with 1500 ranges answered ${#answer} bytes"
  got=$(status_of "GET $path HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nRange: bytes=0-9,20-29\r\n\r\n")
  assert_eq 416 "$got" "GET $path with two ranges"
done
echo "ok: multi-range requests refused with 416"
got=$(curl -s -o "$WORK_DIR/part" -w '%{http_code}' -H 'Range: bytes=0-9' "${url}app.js")
assert_eq 206 "$got" "GET /app.js with one range"
assert_eq 10 "$(wc -c <"$WORK_DIR/part")" "the bytes of one range"
echo "ok: one range is still served"
