#!/usr/bin/env bash
# crew report over a state store filled by a real simulated day: the text table, the JSON (whose
# totals must agree with crew trades and crew status), the HTML page, and bad periods refused.
source "$(dirname "$0")/autonomous.inc"
crew autonomous --sim --start 2026-11-18T20:50:00Z --duration 24h >"$WORK_DIR/run.txt"
crew report >"$WORK_DIR/report.txt"
grep -q '^Report from 2026-11-12T20:49:01Z to 2026-11-19T20:49:01Z$' "$WORK_DIR/report.txt" ||
  fail "the week ends at the last simulated heartbeat"
for line in '^all ' '^  US_EQUITY ' '^  CRYPTO ' '^by strategy$' '^best trade ' '^worst trade ' \
  '^  API calls ' '^  uptime           100.0% since 2026-11-18T20:50:00Z'; do
  grep -q "$line" "$WORK_DIR/report.txt" || fail "the text report has no line '$line'"
done
echo "ok: text report"

crew report --json >"$WORK_DIR/report.json"
crew trades --json >"$WORK_DIR/trades.json"
crew status --json >"$WORK_DIR/status.json"
trades=$(jq 'length' "$WORK_DIR/trades.json")
check "as many trades as crew trades" "first | .total.trades == $trades" "$WORK_DIR/report.json"
check "trades in both markets" 'first | [.by_market[].name] == ["US_EQUITY", "CRYPTO"]' \
  "$WORK_DIR/report.json"
check "per-market counts add up" 'first | ([.by_market[].trades] | add) == .total.trades' \
  "$WORK_DIR/report.json"
check "per-strategy counts add up" 'first | ([.by_strategy[].trades] | add) == .total.trades' \
  "$WORK_DIR/report.json"
net=$(jq '[.[].pnl | tonumber] | add' "$WORK_DIR/trades.json")
check "net P&L equals the sum of the trades" \
  "first | ((.total.net_pnl - ($net)) | fabs) < 0.000001" "$WORK_DIR/report.json"
check "win rate within 0..100" 'first | .total.win_rate_pct >= 0 and .total.win_rate_pct <= 100' \
  "$WORK_DIR/report.json"
check "best trade at least the worst" 'first | .total.best.pnl >= .total.worst.pnl' \
  "$WORK_DIR/report.json"
calls=$(jq '.api_calls_24h' "$WORK_DIR/status.json")
check "API calls as crew status counts them" "first | .operations.api_calls == $calls" \
  "$WORK_DIR/report.json"
check "uptime 100%" 'first | .operations.uptime_pct == 100' "$WORK_DIR/report.json"
check "two market switches" 'first | .operations.market_switches == 2' "$WORK_DIR/report.json"

crew report --period day --html "$WORK_DIR/out/day.html" >/dev/null 2>"$WORK_DIR/html.err"
grep -q 'HTML report written to' "$WORK_DIR/html.err" || fail "no note about the HTML file"
html="$WORK_DIR/out/day.html"
[ "$(grep -o '<svg' "$html" | wc -l)" -ge 3 ] || fail "the HTML page has fewer than 3 charts"
grep -q '<h2>By strategy</h2>' "$html" || fail "the HTML page has no strategy table"
! grep -q '<script' "$html" || fail "the HTML page carries a script"
echo "ok: HTML report"

crew report --from 2026-11-19T00:00:00Z --to 2026-11-19 --json >"$WORK_DIR/range.json"
check "an explicit range" 'first | .from == "2026-11-19T00:00:00Z" and .to == "2026-11-20T00:00:00Z"' \
  "$WORK_DIR/range.json"
if crew report --period year 2>"$WORK_DIR/bad.err"; then fail "--period year accepted"; fi
grep -q "^crew: --period: unknown period 'year'" "$WORK_DIR/bad.err" || fail "unclear period error"
if crew report --from 2026-11-20 --to 2026-11-19 2>"$WORK_DIR/bad.err"; then
  fail "an end before the start accepted"
fi
echo "ok: bad periods refused"
