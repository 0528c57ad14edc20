#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages: Debian's Chromium
# (driven by Playwright through executable_path; never a downloaded browser) and
# Debian's nginx and Apache (the tests start their own on loopback ports; the
# nginx package may also start the system one on port 80, which they do not use).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)   # printed handouts: PDF to text and PNG
command -v zbarimg >/dev/null 2>&1 || need+=(zbar-tools)         # QR codes decoded from the printed page
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)  # the Nu HTML Checker
[ -x /usr/sbin/nginx ] || need+=(nginx)                          # deploy/nginx.conf, tested on a loopback port
[ -x /usr/sbin/apache2 ] || need+=(apache2-bin)                  # the build's .htaccess; the binary only, no service
command -v rclone >/dev/null 2>&1 || need+=(rclone)              # deploy/publish-s3.sh, tried against a local folder
command -v rsync >/dev/null 2>&1 || need+=(rsync)                # deploy/publish-rsync.sh, likewise
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Cần cài: ${need[*]} (chạy: sudo apt-get install -y ${need[*]})" >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# axe-core and the Nu HTML Checker, pinned in package-lock.json. vnu-jar's
# install script would download a JDK: --ignore-scripts, Java comes from Debian.
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
  npm ci --ignore-scripts --no-audit --no-fund
fi
