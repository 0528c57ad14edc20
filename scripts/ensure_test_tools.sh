#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages: Debian's Chromium
# (driven by Playwright through executable_path; never a downloaded browser).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans" || need+=(fonts-noto-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Cần cài: ${need[*]} (chạy: sudo apt-get install -y ${need[*]})" >&2
    exit 1
  fi
  echo "Installing ${need[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
