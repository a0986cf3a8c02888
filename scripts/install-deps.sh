#!/usr/bin/env bash
# Installs every Debian package tradingcrew needs to build, test and run. Idempotent: packages
# already installed are skipped, and `apt-get update` runs only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  libcurl4-openssl-dev nlohmann-json3-dev libsqlite3-dev sqlite3
  libspdlog-dev libfmt-dev libcli11-dev libhowardhinnant-date-dev tzdata
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl python3
  # make fuzz: clang 14, and libclang-rt-14-dev for the libFuzzer, ASan and UBSan runtimes.
  clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
