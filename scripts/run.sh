#!/usr/bin/env bash
# README command 1: install, migrate, load the demo, start the task worker and serve digisam
# on http://127.0.0.1:8000 (SQLite in ./var unless DATABASE_URL says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export DJANGO_SETTINGS_MODULE=digisam.settings
.venv/bin/digisam demo
.venv/bin/digisam worker >var/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
HOST=${DIGISAM_HOST:-127.0.0.1}
PORT=${DIGISAM_PORT:-8000}
echo
echo "digisam kører på http://$HOST:$PORT/  (log ind med en af demo-brugerne ovenfor; stop med Ctrl+C)"
echo "Baggrundsjob-arbejderen logger til var/worker.log"
.venv/bin/digisam serve "$HOST:$PORT" --noreload
