#!/bin/sh
# crew-healthcheck.sh [HEALTH_URL] [UNIT]: restarts UNIT when its loop has stopped ticking. Asks
# the dashboard's /health (twice, a few seconds apart: a dashboard crowded by other clients may
# turn one request away); when that does not answer 200, asks the state store itself with
# `crew serve --check` (the loop's last heartbeat, as the crew user that owns the home) and
# restarts UNIT only when that is stale too. A dashboard that does not answer while the loop
# ticks is not a reason to restart a trading loop. Does nothing while UNIT is not active
# (stopped on purpose, or failed: that is systemd's and the operator's business) or in its first
# 5 minutes (start-up: backup, reconciliation, first scan).
# Run by tradingcrew-health.service; install to /usr/local/libexec/crew-healthcheck.sh.
# Environment: CREW_HOME and CREW_CONFIG as the loop's; CREW_BIN (/usr/local/bin/crew);
# CREW_DASHBOARD_TOKEN when the dashboard listens off loopback; CREW_HEALTH_GRACE_SECONDS (300),
# CREW_HEALTH_TIMEOUT_SECONDS (10) and CREW_HEALTH_RETRY_SECONDS (5).
set -u
url=${1:-http://127.0.0.1:8080/health}
unit=${2:-tradingcrew.service}
grace_seconds=${CREW_HEALTH_GRACE_SECONDS:-300}
timeout_seconds=${CREW_HEALTH_TIMEOUT_SECONDS:-10}
retry_seconds=${CREW_HEALTH_RETRY_SECONDS:-5}
crew_bin=${CREW_BIN:-/usr/local/bin/crew}
home=${CREW_HOME:-/var/lib/tradingcrew}

systemctl is-active --quiet "$unit" || exit 0
started_us=$(systemctl show -P ActiveEnterTimestampMonotonic "$unit")
now_s=$(cut -d' ' -f1 /proc/uptime | cut -d. -f1)
if [ $((now_s - ${started_us:-0} / 1000000)) -lt "$grace_seconds" ]; then
  exit 0
fi

ask_health() {
  if [ -n "${CREW_DASHBOARD_TOKEN:-}" ]; then
    curl -fsS -m "$timeout_seconds" -H "Authorization: Bearer $CREW_DASHBOARD_TOKEN" "$url" 2>&1
  else
    curl -fsS -m "$timeout_seconds" "$url" 2>&1
  fi
}
answer=$(ask_health) && exit 0
sleep "$retry_seconds"
answer=$(ask_health) && exit 0

# The second opinion: the loop's heartbeat in the state store, read as the home's owner so that
# nothing under the home is ever created by root.
owner=$(stat -c %U "$home" 2>/dev/null || echo root)
if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
  heartbeat=$(runuser -u "$owner" -- "$crew_bin" --home "$home" --log-level error serve --check 2>&1)
else
  heartbeat=$("$crew_bin" --home "$home" --log-level error serve --check 2>&1)
fi
status=$?
if [ "$status" -eq 0 ]; then
  echo "crew-healthcheck: $url not healthy ($answer), but the loop's heartbeat is fresh" \
    "($heartbeat); not restarting $unit" >&2
  exit 0
fi
echo "crew-healthcheck: $url not healthy ($answer) and the heartbeat is not fresh" \
  "($heartbeat); restarting $unit" >&2
systemctl restart "$unit"
