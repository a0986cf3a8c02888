#!/usr/bin/env bash
# Seam rules as code (style.md 7.5): some calls belong to one place only. A line may opt out with
# a comment `// seam-ok: <why>`.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
check() { # pattern, allowed-path-regex, description
  local hits
  hits=$(git grep -nE "$1" -- 'src/*.cpp' 'src/*.hpp' | grep -v 'seam-ok' | grep -vE "^($2)" || true)
  if [ -n "$hits" ]; then
    echo "check-seams: $3:"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi
}
check 'system_clock::now|steady_clock::now' 'src/engine/real_clock|src/app/|src/config/logging|src/alpaca/' 'the clock is read outside its seam'
# SMTP has no place in the HTTP transport: alerts/smtp_sink is libcurl's second (and last) home.
check '\bcurl_[a-z_]+\(' 'src/alpaca/curl_transport|src/alerts/smtp_sink' 'libcurl used outside alpaca/curl_transport and alerts/smtp_sink'
check '\bsqlite3_[a-z_]+\(' 'src/state/|src/data/bar_store|src/data/sqlite|src/backtest/ranking' 'SQLite used outside its stores'
check '\bgetenv\(' 'src/app/' 'environment read outside src/app'
check 'std::cout|std::cerr|[^n]printf\(|std::printf|fprintf\(' 'src/app/' 'printing outside src/app'
exit $status
