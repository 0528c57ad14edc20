#!/usr/bin/env bash
# Publish the built site to an S3-compatible bucket (behind a CDN) with rclone, in
# an order that never shows a visitor a half-published site:
#   1. every file but the pages (theme, fonts, images, search shards, feeds, data),
#   2. the pages, which link to what step 1 put in place,
#   3. only then, delete what the new site no longer has.
# Each object gets its Content-Type, Content-Encoding (text goes up gzip-compressed,
# see scripts/upload_tree.py) and Cache-Control, as deploy/nginx.conf sends them.
#
# Usage:  deploy/publish-s3.sh REMOTE:BUCKET[/PREFIX] [SITE_DIR]
#   REMOTE is an rclone remote (`rclone config`: type s3, provider and endpoint of the
#   storage; or RCLONE_CONFIG_<NAME>_* environment variables on CI).
#   Extra rclone flags can be passed in RCLONE_FLAGS, e.g. RCLONE_FLAGS=--dry-run.
#   REVALIDATE: Cache-Control of pages, feeds and data (default no-cache: the CDN asks
#   the bucket every time, a cheap 304). To let the CDN answer alone for a few minutes
#   after each publication: REVALIDATE="public, max-age=0, s-maxage=300".
set -euo pipefail

DEST=${1:?"usage: deploy/publish-s3.sh REMOTE:BUCKET[/PREFIX] [SITE_DIR]"}
SITE=${2:-site}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$HERE/.venv/bin/python}
[ -x "$PYTHON" ] || PYTHON=python3
TREE=$(mktemp -d)
trap 'rm -rf "$TREE"' EXIT
"$PYTHON" "$HERE/scripts/upload_tree.py" "$SITE" "$TREE"

# --checksum: an object is sent again only when its bytes changed (the build's output
# is byte-identical from run to run), never merely because the build is newer.
read -r -a EXTRA <<< "${RCLONE_FLAGS:-}"
COMMON=(--checksum --no-update-modtime "${EXTRA[@]}")
HASH8='[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
IMMUTABLE='public, max-age=31536000, immutable'
FONTS='public, max-age=604800'
REVALIDATE=${REVALIDATE:-no-cache}

# up CACHE-CONTROL CONTENT-TYPE ENCODING PATTERN...: upload the files matching the patterns.
# Files uploaded by an earlier call are unchanged by then, so a later, broader
# pattern does not send them again with other headers.
up() {
  local cache=$1 type=$2 encoding=$3
  shift 3
  local args=(--header-upload "Cache-Control: $cache" --header-upload "Content-Type: $type")
  [ -z "$encoding" ] || args+=(--header-upload "Content-Encoding: $encoding")
  for pattern in "$@"; do args+=(--filter "+ $pattern"); done
  rclone copy "$TREE" "$DEST" "${COMMON[@]}" "${args[@]}" --filter "- **"
}

# 1. Everything but the pages. Theme files named by their content first: kept a year.
up "$IMMUTABLE" "application/javascript; charset=utf-8" gzip "*.$HASH8.min.js"
up "$IMMUTABLE" "text/css; charset=utf-8" gzip "*.$HASH8.min.css"
up "$IMMUTABLE" "application/json; charset=utf-8" gzip "*.$HASH8.min.js.map" "*.$HASH8.min.css.map"
up "$FONTS" "font/woff2" "" "/assets/fonts/*.woff2"
up "$REVALIDATE" "application/javascript; charset=utf-8" gzip "*.js"
up "$REVALIDATE" "text/css; charset=utf-8" gzip "*.css"
up "$REVALIDATE" "application/json; charset=utf-8" gzip "*.json" "*.map"
up "$REVALIDATE" "text/xml; charset=utf-8" gzip "*.xml"
up "$REVALIDATE" "text/csv; charset=utf-8" gzip "*.csv"
up "$REVALIDATE" "image/svg+xml; charset=utf-8" gzip "*.svg"
up "$REVALIDATE" "text/plain; charset=utf-8" gzip "*.txt"
up "$REVALIDATE" "application/manifest+json; charset=utf-8" gzip "*.webmanifest"
up "$REVALIDATE" "image/png" "" "*.png"
up "$REVALIDATE" "image/jpeg" "" "*.jpg" "*.jpeg"
up "$REVALIDATE" "image/webp" "" "*.webp"
up "$REVALIDATE" "application/gzip" "" "*.gz"
# 2. The pages.
up "$REVALIDATE" "text/html; charset=utf-8" gzip "*.html"
# 3. Every object is in place: delete what the new site no longer has. Nothing is
#    uploaded here (--ignore-existing), so no object loses its headers.
rclone sync "$TREE" "$DEST" "${COMMON[@]}" --ignore-existing
echo "Đã xuất bản $(find "$TREE" -type f | wc -l) tệp lên $DEST"
