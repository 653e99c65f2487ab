#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and an empty uploads directory.
# Usage: DATABASE_URL=postgres://.../new_db DIGISAM_MEDIA_ROOT=/srv/digisam/var/media bash scripts/restore.sh BACKUP_DIR
# Stop the app servers and workers first; afterwards run `digisam migrate` (a newer release) and
# `digisam fail_abandoned_jobs` (jobs that were running when the backup was taken).
set -euo pipefail
SOURCE="${1:?usage: restore.sh BACKUP_DIR}"
: "${DATABASE_URL:?DATABASE_URL must name the (empty) PostgreSQL database to restore into}"
MEDIA="${DIGISAM_MEDIA_ROOT:-${DIGISAM_VAR_DIR:-$PWD/var}/media}"
test -s "$SOURCE/digisam.dump" || { echo "no digisam.dump in $SOURCE" >&2; exit 1; }
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$DATABASE_URL" "$SOURCE/digisam.dump"
mkdir -p "$MEDIA"
tar -C "$MEDIA" -xzf "$SOURCE/media.tar.gz"
echo "restored database and uploads from $SOURCE"
