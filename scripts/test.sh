#!/usr/bin/env bash
# README command 2: install the test tools (and Debian's Chromium) and run the whole suite.
# SQLite by default; set DATABASE_URL=postgres://postgres@127.0.0.1:5432/digisam to run on PostgreSQL.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export DIGISAM_TESTING=1
if [ "$#" -gt 0 ]; then
  exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider "$@"
fi
# The permission matrix builds one shared scene per worker; it runs in a process of its own because its
# scene setup fails after some earlier tests in the same worker (an isolation bug still to be found).
.venv/bin/python -m pytest -n 2 -p no:cacheprovider --ignore=tests/matrix --ignore=tests/pages
.venv/bin/python -m pytest -n 2 -p no:cacheprovider tests/matrix
# Every page of the demo as every demo user in both languages: loads the demo once per worker.
exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider tests/pages
