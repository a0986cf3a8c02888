#!/usr/bin/env bash
# Layout rules as code (style.md 7.5): source files ≤ 600 lines, and #include "<module>/…" and the
# CMake link dependencies only along the module graph of docs/architecture.md (its "uses" column),
# checked by scripts/check-modules.py.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0

while IFS= read -r file; do
  lines=$(wc -l <"$file")
  if [ "$lines" -gt 600 ]; then
    echo "check-layout: $file has $lines lines (max 600)"
    status=1
  fi
done < <(git ls-files 'src/*.cpp' 'src/*.hpp' 'tools/*.cpp' 'tools/*.hpp')

python3 scripts/check-modules.py || status=$?
exit $status
