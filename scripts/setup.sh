#!/usr/bin/env bash
# Installs digisam into ./.venv (Python) and its served front-end assets (npm), idempotently.
# Usage: bash scripts/setup.sh [--test]   (--test adds the test tools and Debian's Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# A second start skips the slow part (pip, npm, copying the design system, ~40 s) when nothing it
# depends on has changed: .venv/.digisam-setup holds a hash of those files and the install mode.
# The package is installed editable, so changed code needs no reinstall. DIGISAM_SETUP_FORCE=1 redoes it.
MODE=base
[ "${1:-}" = "--test" ] && MODE=test
HASH=$(cat pyproject.toml package-lock.json scripts/setup.sh scripts/vendor_assets.py | sha256sum | cut -d' ' -f1)
STAMP=.venv/.digisam-setup
current() {
  [ "${DIGISAM_SETUP_FORCE:-}" != "1" ] && [ -f "$STAMP" ] && [ -d node_modules/dkfds ] \
    && [ -f src/digisam/static/vendor/dkfds/css/dkfds.min.css ] && [ -x .venv/bin/digisam ] || return 1
  read -r stamp_hash stamp_mode <"$STAMP" || return 1
  [ "$stamp_hash" = "$HASH" ] && { [ "$stamp_mode" = "$MODE" ] || [ "$stamp_mode" = test ]; }
}
if current; then
  echo "setup: nothing changed since the last install (.venv/.digisam-setup), skipping pip/npm"
else
  rm -f "$STAMP"
  .venv/bin/python -m pip install --quiet --upgrade pip
  if [ "$MODE" = test ]; then
    .venv/bin/python -m pip install --quiet -e '.[test]'
  else
    .venv/bin/python -m pip install --quiet -e .
  fi
  if [ ! -d node_modules/dkfds ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --silent
  fi
  .venv/bin/python scripts/vendor_assets.py
  echo "$HASH $MODE" >"$STAMP"
fi
if [ "${1:-}" = "--test" ] && ! command -v redis-server >/dev/null; then
  # The several-machines test runs RQ workers on the machine's Redis (127.0.0.1:6379).
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
fi
if [ "${1:-}" = "--test" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
