#!/usr/bin/env bash
# DNS rebinding (issue 16): a page on a name the attacker points at 127.0.0.1 talks to the
# dashboard with its own name in Host. Every such request is refused with 421 before any handler
# runs, reading (positions) as well as writing (stop), with or without an Origin; the listening
# address, localhost and the names of [dashboard] allowed_hosts pass.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/dashboard.inc"

crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 5h --json >/dev/null
cat >"$WORK_DIR/crew.toml" <<'TOML'
[dashboard]
allowed_hosts = "crew.internal.example, other.example:9"
TOML
start_server "$WORK_DIR/serve.out" --config "$WORK_DIR/crew.toml" serve --http 127.0.0.1:0
token=$(the_token 2>/dev/null || echo none-yet)

for host in "evil.example:PORT" "rebound.attacker.test:PORT" "localhost.evil.example:PORT" \
  "127.0.0.1.evil.example:PORT" "evil.example" "other.example:PORT" "127.0.0.1:1" ""; do
  got=$(status_of "GET /api/positions HTTP/1.1\r\nHost: $host\r\n\r\n")
  assert_eq 421 "$got" "GET /api/positions with Host '$host'"
  got=$(status_of "POST /api/stop HTTP/1.1\r\nHost: $host\r\nOrigin: http://$host\r\nAuthorization: Bearer $token\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"flatten\":true}")
  assert_eq 421 "$got" "POST /api/stop with Host '$host'"
  got=$(status_of "POST /api/resume HTTP/1.1\r\nHost: $host\r\nAuthorization: Bearer $token\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
  assert_eq 421 "$got" "POST /api/resume with Host '$host'"
  got=$(status_of "GET /health HTTP/1.1\r\nHost: $host\r\n\r\n")
  assert_eq 421 "$got" "GET /health with Host '$host'"
done
got=$(status_of "GET /api/positions HTTP/1.1\r\n\r\n")
assert_eq 421 "$got" "GET /api/positions without Host"
got=$(status_of "GET /api/positions HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nHost: evil.example:PORT\r\n\r\n")
assert_eq 421 "$got" "GET /api/positions with two Host headers"
echo "ok: foreign Host values refused with 421"
assert_eq false "$(halted)" "the store's halt flag after the refused stops"

for host in "127.0.0.1:PORT" "localhost:PORT" "LocalHost:PORT" "[::1]:PORT" \
  "crew.internal.example:PORT" "crew.internal.example" "other.example:9"; do
  got=$(status_of "GET /api/positions HTTP/1.1\r\nHost: $host\r\n\r\n")
  assert_eq 200 "$got" "GET /api/positions with Host '$host'"
done
echo "ok: the listening address, localhost and the configured names pass"
# The shipped health check asks http://127.0.0.1:PORT/health with curl: it still gets an answer.
code=$(curl -s -o /dev/null -w '%{http_code}' "${url}health")
[ "$code" = 503 ] || fail "curl ${url}health: $code, expected 503 (a finished simulation)"
echo "ok: curl ${url}health answered $code"
