#!/usr/bin/env bash
# Back up digisam: the PostgreSQL database (pg_dump, custom format) and the uploads directory.
# Usage: DATABASE_URL=postgres://... DIGISAM_MEDIA_ROOT=/srv/digisam/var/media bash scripts/backup.sh TARGET_DIR
# Writes TARGET_DIR/digisam.dump and TARGET_DIR/media.tar.gz (see docs/operations.md). With S3 storage,
# back the bucket up with the store's own versioning or replication instead of the tar file.
set -euo pipefail
TARGET="${1:?usage: backup.sh TARGET_DIR}"
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database}"
MEDIA="${DIGISAM_MEDIA_ROOT:-${DIGISAM_VAR_DIR:-$PWD/var}/media}"
mkdir -p "$TARGET"
pg_dump --format=custom --no-owner --no-privileges --file "$TARGET/digisam.dump" "$DATABASE_URL"
if [ -d "$MEDIA" ]; then
  tar -C "$MEDIA" -czf "$TARGET/media.tar.gz" .
else
  tar -czf "$TARGET/media.tar.gz" --files-from /dev/null
fi
echo "backup written to $TARGET (database: digisam.dump, uploads: media.tar.gz)"
