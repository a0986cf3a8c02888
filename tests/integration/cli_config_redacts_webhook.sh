#!/usr/bin/env bash
# `crew config` (text and --json) shows where the alert webhook goes, never its secret: the path
# of a Slack or Discord webhook is its credential, and so is a user name or password in it
# (issue 16: both were printed as they are). The printed configuration is still one crew accepts.
source "$(dirname "$0")/common.sh"
cd "$WORK_DIR"
cat >crew.toml <<'TOML'
[alerts]
webhook_url = "https://hookuser:hookpass99@hooks.example.com:8443/services/T0SECRET/B0SECRET/XyzSecret42"
TOML
crew --config crew.toml config >out.txt
crew --config crew.toml config --json >out.json
for secret in T0SECRET B0SECRET XyzSecret42 hookuser hookpass99; do
  if grep -q "$secret" out.txt out.json; then
    grep -h "$secret" out.txt out.json >&2
    fail "crew config printed '$secret' of the webhook URL"
  fi
done
assert_contains out.txt 'webhook_url = "https://REDACTED@hooks.example.com:8443/REDACTED"'
assert_contains out.json '"webhook_url": "https://REDACTED@hooks.example.com:8443/REDACTED"'
echo "ok: the webhook's path and user name are redacted, its host and port shown"
grep -v '^#' out.txt >again.toml
crew config --check again.toml >/dev/null || fail "the printed configuration is not valid"
echo "ok: the printed configuration is still valid"
