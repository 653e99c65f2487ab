#!/usr/bin/env bash
# The README's production steps, rehearsed on this machine (CI runs it): production settings, migrate,
# collectstatic (manifest + compression), gunicorn on a loopback port, and requests answered through it
# as the TLS proxy would send them. Uses a fresh DIGISAM_VAR_DIR with SQLite; leaves nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
VAR="$(mktemp -d)"
PORT="${DIGISAM_CHECK_PORT:-$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export DIGISAM_ENV=production DIGISAM_VAR_DIR="$VAR" DIGISAM_ALLOWED_HOSTS=digisam.example.org
export DIGISAM_SECRET_KEY="check-$(head -c 48 /dev/urandom | base64 | tr -dc a-zA-Z0-9)"
unset DATABASE_URL DIGISAM_TESTING DIGISAM_TASKS DIGISAM_TASKS_BACKEND DIGISAM_REDIS_URL
GUNICORN_PID=""
cleanup() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$VAR"
}
trap cleanup EXIT
.venv/bin/digisam migrate --noinput -v 0
.venv/bin/digisam collectstatic --noinput -v 0
test -s "$VAR/static/staticfiles.json"
.venv/bin/gunicorn digisam.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  if curl -fs -o /dev/null -H "Host: digisam.example.org" "http://127.0.0.1:$PORT/health/"; then break; fi
  kill -0 "$GUNICORN_PID" || { echo "gunicorn exited" >&2; exit 1; }
  sleep 0.5
done
get() {  # get PATH EXPECTED-STATUS [extra curl args]: as the TLS-terminating proxy forwards it
  local path="$1" expected="$2"; shift 2
  local status
  status=$(curl -sS -o "$VAR/body" -w '%{http_code}' -H "Host: digisam.example.org" -H "X-Forwarded-Proto: https" \
    "$@" "http://127.0.0.1:$PORT$path")
  if [ "$status" != "$expected" ]; then
    echo "GET $path answered $status, expected $expected" >&2; head -c 2000 "$VAR/body" >&2; exit 1
  fi
}
get /health/ 200
get /health/ready/ 200
grep -q '"status": "ok"' "$VAR/body"
get /login/ 200
grep -q 'name="username"' "$VAR/body"
# The page links the hashed, collected style sheet, and WhiteNoise serves it.
CSS=$(grep -o '/static/vendor/dkfds/css/dkfds\.min\.[0-9a-f]*\.css' "$VAR/body" | head -1)
test -n "$CSS" || { echo "the login page does not link the collected (hashed) DKFDS style sheet" >&2; exit 1; }
get "$CSS" 200
# Plain HTTP is sent to HTTPS (except the health checks, for the load balancer).
status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Host: digisam.example.org" "http://127.0.0.1:$PORT/login/")
test "$status" = "301" || { echo "plain HTTP answered $status, expected a redirect to HTTPS" >&2; exit 1; }
echo "production steps: collectstatic, gunicorn and requests answered"
