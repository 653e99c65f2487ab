#!/usr/bin/env bash
# README command 2: install the test tools (and Debian's Chromium) and run the whole suite.
# SQLite by default; set DATABASE_URL=postgres://postgres@127.0.0.1:5432/digisam to run on PostgreSQL.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export DIGISAM_TESTING=1
exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider "$@"
