#!/usr/bin/env bash
# Layout rules as code (style.md 7.5): source files ≤ 600 lines, and #include "<module>/…" only
# along the arrows of docs/architecture.md (a module uses only modules listed before it).
set -euo pipefail
cd "$(dirname "$0")/.."
order=(core calendar config indicators data alpaca strategy backtest scan broker risk state alerts report engine dashboard app)
declare -A rank
for i in "${!order[@]}"; do rank[${order[$i]}]=$i; done
status=0

while IFS= read -r file; do
  lines=$(wc -l <"$file")
  if [ "$lines" -gt 600 ]; then
    echo "check-layout: $file has $lines lines (max 600)"
    status=1
  fi
done < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tools/*.cpp' 'tools/*.hpp')

# Allowed exceptions: module pairs that may not follow the list order, with the reason.
#   risk → (none); broker → state is not allowed.
while IFS= read -r file; do
  module=$(echo "$file" | cut -d/ -f2)
  [ -n "${rank[$module]:-}" ] || continue
  while IFS= read -r used; do
    [ -n "${rank[$used]:-}" ] || continue
    if [ "${rank[$used]}" -gt "${rank[$module]}" ]; then
      echo "check-layout: $file (module $module) includes $used/, which is above it"
      status=1
    fi
  done < <(grep -oE '^#include "[a-z_]+/' "$file" | sed -E 's/#include "([a-z_]+)\//\1/' | sort -u)
done < <(git ls-files 'src/*.cpp' 'src/*.hpp')
exit $status
