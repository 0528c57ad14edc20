#!/usr/bin/env bash
# Publish the built site to an nginx server, atomically: the new build goes to a
# folder of its own (releases/<time>-<commit>), unchanged files hard-linked to the
# previous release's, then one rename switches the `current` link that nginx serves,
# then nginx reloads (to read the build's redirect list and header policy in .server/).
# A visitor meets the old site or the new one, never a mix; going back is one `ln`.
#
# Usage:  deploy/publish-rsync.sh [USER@HOST:]/var/www/guong-dien-hinh [SITE_DIR]
#   RELOAD  command run on the server after the switch
#           (default: sudo nginx -t && sudo systemctl reload nginx)
#   KEEP    how many releases to keep (default 3)
#   RSYNC_RSH  the ssh command, for rsync and for the commands on the server (default ssh)
set -euo pipefail

TARGET=${1:?"usage: deploy/publish-rsync.sh [USER@HOST:]/var/www/guong-dien-hinh [SITE_DIR]"}
SITE=${2:-site}
KEEP=${KEEP:-3}
RELOAD=${RELOAD:-"sudo nginx -t && sudo systemctl reload nginx"}
case "$TARGET" in
  *:*) HOST=${TARGET%%:*} BASE=${TARGET#*:} ;;
  *) HOST="" BASE=$TARGET ;;
esac
# ssh as rsync uses it (RSYNC_RSH, e.g. "ssh -i key" on CI); no host: a local folder.
on_server() { if [ -n "$HOST" ]; then ${RSYNC_RSH:-ssh} "$HOST" "$1"; else bash -c "$1"; fi; }

[ -f "$SITE/index.html" ] || { echo "$SITE: không có trang web đã tạo (chạy make build trước)" >&2; exit 1; }
commit=$(git -C "$(dirname "$0")/.." rev-parse --short HEAD 2>/dev/null || echo build)
release="$(date -u +%Y%m%dT%H%M%SZ)-$commit"

on_server "mkdir -p '$BASE/releases'"
link_dest=()
if on_server "test -d '$BASE/current/'"; then link_dest=(--link-dest="$BASE/current/"); fi
# Readable by nginx whatever the umask where the site was built.
rsync -a --delete --chmod=D755,F644 "${link_dest[@]}" "$SITE/" "$TARGET/releases/$release/"
on_server "ln -sfn 'releases/$release' '$BASE/current.new' && mv -T '$BASE/current.new' '$BASE/current'"
on_server "$RELOAD"
# Older releases go, the newest KEEP stay (names sort by time).
on_server "cd '$BASE/releases' && ls -1 | sort | head -n -$KEEP | xargs -r rm -rf --"
echo "Đã xuất bản: $BASE/current -> releases/$release"
