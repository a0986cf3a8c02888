#!/usr/bin/env bash
# Loopback without authentication (issue 16): any local user could flatten through the dashboard.
# crew now makes a token on first start (<home>/dashboard.token, mode 0600, kept across starts)
# and every state-changing request needs it as a bearer header, on loopback too; reading stays
# open on loopback. The POST parser is strict: a bad or doubled Content-Length, duplicate JSON
# keys and media types other than application/json are refused. `crew stop` and `crew resume`
# still work (they write the store). The token is never a command-line argument.
source "$(dirname "$0")/common.sh"
source "$(dirname "$0")/dashboard.inc"

crew autonomous --sim --start 2026-11-18T22:00:00Z --duration 5h --json >/dev/null
start_server "$WORK_DIR/serve.out" serve --http 127.0.0.1:0
[ -f "$CREW_HOME/dashboard.token" ] || fail "no $CREW_HOME/dashboard.token after the first start"
assert_eq 600 "$(stat -c %a "$CREW_HOME/dashboard.token")" "mode of dashboard.token"
token=$(the_token)
[[ "$token" =~ ^[A-Za-z0-9_-]{32,}$ ]] || fail "dashboard.token is not a long random token"
if grep -rq -- "$token" "$WORK_DIR/serve.out" "$WORK_DIR/serve.out.err" "$CREW_HOME/logs"; then
  fail "the token was printed or logged"
fi

post() { # PATH BODY [HEADER…]: the status of a JSON POST
  local path=$1 body=$2 extra=""
  shift 2
  for h in "$@"; do extra+="$h\r\n"; done
  status_of "POST $path HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Type: application/json\r\n${extra}Content-Length: ${#body}\r\n\r\n$body"
}
assert_eq 401 "$(post /api/stop '{"flatten":true}')" "stop without a token"
assert_eq 401 "$(post /api/stop '{}' 'Authorization: Bearer wrong-token-123')" "stop with a wrong token"
assert_eq 401 "$(post "/api/stop?token=$token" '{}')" "stop with the token in the query"
assert_eq 401 "$(post /api/resume '{}')" "resume without a token"
assert_eq false "$(halted)" "halt flag after refused stops"
assert_eq 200 "$(status_of 'GET /api/positions HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n')" \
  "reading positions on loopback without a token"
echo "ok: no state change without the token; reading stays open on loopback"

auth="Authorization: Bearer $token"
assert_eq 400 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n")" \
  "Content-Length: abc"
assert_eq 400 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}")" \
  "two Content-Length headers"
assert_eq 400 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: application/json\r\nContent-Length: -2\r\n\r\n{}")" \
  "Content-Length: -2"
assert_eq 411 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: application/json\r\n\r\n")" \
  "a POST without Content-Length"
assert_eq 400 "$(post /api/stop '{"flatten":false,"flatten":true}' "$auth")" "duplicate JSON keys"
assert_eq 400 "$(post /api/stop '{"flatten":true,"extra":1}' "$auth")" "an unknown JSON key"
assert_eq 400 "$(post /api/stop '{"flatten":true} x' "$auth")" "text after the JSON object"
assert_eq 415 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: application/json-evil\r\nContent-Length: 2\r\n\r\n{}")" \
  "Content-Type: application/json-evil"
assert_eq 415 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}")" \
  "Content-Type: text/plain"
assert_eq 403 "$(post /api/stop '{}' "$auth" 'Origin: http://evil.example')" "a foreign Origin"
assert_eq false "$(halted)" "halt flag after malformed stops"
echo "ok: malformed POSTs refused"

assert_eq 200 "$(status_of "POST /api/stop HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n$auth\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 16\r\n\r\n{\"flatten\":true}")" \
  "stop with the token"
assert_eq true "$(halted)" "halt flag after the stop with the token"
assert_eq 200 "$(post /api/resume '' "$auth")" "resume with the token"
assert_eq false "$(halted)" "halt flag after the resume with the token"
echo "ok: stop and resume with the token"
crew stop >/dev/null
assert_eq true "$(halted)" "halt flag after crew stop"
crew resume >/dev/null
assert_eq false "$(halted)" "halt flag after crew resume"
echo "ok: crew stop and crew resume need no token"

# The token survives a restart; CREW_DASHBOARD_TOKEN and --token-file replace it; --token is refused.
stop_server
start_server "$WORK_DIR/serve2.out" serve --http 127.0.0.1:0
assert_eq "$token" "$(the_token)" "the token after a restart"
assert_eq 200 "$(post /api/resume '{}' "$auth")" "resume with the kept token after a restart"
stop_server
CREW_DASHBOARD_TOKEN=env-token-for-tests start_server "$WORK_DIR/serve3.out" serve --http 127.0.0.1:0
assert_eq 401 "$(post /api/resume '{}' "$auth")" "the home's token when CREW_DASHBOARD_TOKEN is set"
assert_eq 200 "$(post /api/resume '{}' 'Authorization: Bearer env-token-for-tests')" "CREW_DASHBOARD_TOKEN"
stop_server
printf 'file-token-for-tests\n' >"$WORK_DIR/token"
chmod 600 "$WORK_DIR/token"
start_server "$WORK_DIR/serve4.out" serve --http 127.0.0.1:0 --token-file "$WORK_DIR/token"
assert_eq 200 "$(post /api/resume '{}' 'Authorization: Bearer file-token-for-tests')" "--token-file"
stop_server
status=0
crew serve --http 127.0.0.1:0 --token some-token-123 >"$WORK_DIR/flag.out" 2>&1 || status=$?
assert_eq 2 "$status" "exit code of --token"
grep -q 'CREW_DASHBOARD_TOKEN' "$WORK_DIR/flag.out" || fail "--token refusal does not say what to use"
echo "ok: the token comes from the home, the environment or a file, never the command line"
