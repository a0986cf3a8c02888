#!/usr/bin/env bash
# `make test` as a new user runs it: in a fresh clone of this checkout's HEAD, in a temporary
# folder with no ../shared beside it (no real Alpaca payloads, no real market data). Everything
# must pass there; the tests of the shared files skip with their one-line reason. The clone builds
# from scratch (build/ and node_modules are not in git: make's deps step installs the dashboard's
# npm packages into it, as on any fresh clone) and is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/crew-noshared.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
git clone --quiet "$PWD" "$tmp/main"
echo "test-without-shared: make test in $tmp/main ($(git rev-parse --short HEAD)), no ../shared"
start=$SECONDS
env -u CREW_SHARED_DIR make -C "$tmp/main" build
built=$SECONDS
env -u CREW_SHARED_DIR make -C "$tmp/main" test
echo "test-without-shared: passed (build $((built - start)) s, tests $((SECONDS - built)) s)"
