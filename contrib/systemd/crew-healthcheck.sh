#!/bin/sh
# crew-healthcheck.sh [HEALTH_URL] [UNIT]: restarts UNIT when the dashboard's /health does not
# answer 200 (the loop has not ticked for three ticks, or the process no longer answers). Does
# nothing while UNIT is not active (stopped on purpose, or failed: that is systemd's and the
# operator's business) or in its first 5 minutes (start-up: backup, reconciliation, first scan).
# Run by tradingcrew-health.service; install to /usr/local/libexec/crew-healthcheck.sh.
set -u
url=${1:-http://127.0.0.1:8080/health}
unit=${2:-tradingcrew.service}
grace_seconds=${CREW_HEALTH_GRACE_SECONDS:-300}

systemctl is-active --quiet "$unit" || exit 0
started_us=$(systemctl show -P ActiveEnterTimestampMonotonic "$unit")
now_s=$(cut -d' ' -f1 /proc/uptime | cut -d. -f1)
if [ $((now_s - ${started_us:-0} / 1000000)) -lt "$grace_seconds" ]; then
  exit 0
fi
if [ -n "${CREW_DASHBOARD_TOKEN:-}" ]; then
  answer=$(curl -fsS -m 10 -H "Authorization: Bearer $CREW_DASHBOARD_TOKEN" "$url" 2>&1) && exit 0
else
  answer=$(curl -fsS -m 10 "$url" 2>&1) && exit 0
fi
echo "crew-healthcheck: $url not healthy ($answer); restarting $unit" >&2
systemctl restart "$unit"
