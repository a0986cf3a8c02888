#!/usr/bin/env bash
# Installs every Debian package tradingcrew needs to build, test and run, then the dashboard's
# npm packages (lightweight-charts for the page, playwright-core for its browser test) into
# third_party/web/node_modules, which git ignores. Idempotent: packages already installed are
# skipped, and `apt-get update` runs only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libspdlog-dev libfmt-dev libcli11-dev libhowardhinnant-date-dev tzdata
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl python3 jq
  chromium chromium-driver
  # make fuzz: clang 14, and libclang-rt-14-dev for the libFuzzer, ASan and UBSan runtimes.
  clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

# Node.js may come from another source than Debian's (with its own npm): only a machine with no
# npm at all gets Debian's.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The versions are pinned in third_party/web/package.json and package-lock.json.
if ! npm ls --prefix third_party/web --depth=0 >/dev/null 2>&1; then
  echo "install-deps: installing the dashboard's npm packages into third_party/web"
  npm install --prefix third_party/web --no-audit --no-fund --loglevel=error
fi
